package io.realskin.contracts.prompt;

/**
 * Example bodies of prompt-service's calls, for every OpenAPI document that shows them (prompt-service's own and the
 * gateway's public one, which passes them on): one copy, so the two cannot tell different stories.
 */
public final class PromptExamples {

    private PromptExamples() {
    }

    public static final String ENHANCE_REQUEST = """
            {"prompt": "Portrait of a 35-year-old woman, warm light, professional headshot.", "model": "gpt-image-2"}""";

    public static final String ENHANCE_RESPONSE = """
            {
              "prompt": "Portrait of a 35-year-old woman, warm light, unretouched editorial headshot, visible skin texture, natural pores, fine lines around the eyes, natural skin imperfections, slight forehead shine, no smoothing, no beauty retouch, no airbrushing, 85mm lens.",
              "changes": [
                {"kind": "replaced", "rule": "professional-headshot", "from": "professional headshot", "to": "unretouched editorial headshot", "why": "..."},
                {"kind": "added", "rule": "skin-texture", "to": "visible skin texture", "why": "Directly asks for what the default tries to hide."},
                {"kind": "added", "rule": "lens-anchor", "to": "85mm lens", "why": "..."}
              ],
              "riskBefore": 82,
              "riskAfter": 0,
              "intent": "headshot",
              "personDetected": true,
              "notes": ["Intent inferred from the prompt: headshot."],
              "vocabularyVersion": "1.4.119"
            }""";

    public static final String LINT_REQUEST = """
            {"prompt": "A stunning portrait of a woman with smooth skin, 8k"}""";

    public static final String LINT_RESPONSE = """
            {
              "risk": 98,
              "level": "high",
              "findings": [
                {"rule": "abstract-praise", "category": "abstract-quality", "start": 2, "end": 10, "text": "stunning", "weight": 8, "message": "..."},
                {"rule": "smooth-skin", "category": "smoothing", "start": 35, "end": 46, "text": "smooth skin", "weight": 16, "message": "...", "suggestion": "natural skin texture"},
                {"rule": "resolution-tokens", "category": "resolution-token", "start": 48, "end": 50, "text": "8k", "weight": 6, "message": "..."}
              ],
              "missing": [
                {"id": "pores", "group": "texture", "suggestion": "natural pores", "weight": 10, "why": "A literal token the model has to honor."},
                {"id": "lens-anchor", "group": "anchor", "suggestion": "85mm lens", "weight": 12, "why": "..."}
              ],
              "intent": "headshot",
              "personDetected": true,
              "notes": [],
              "vocabularyVersion": "1.4.119"
            }""";

    public static final String MODELS_RESPONSE = """
            {
              "version": "1.0.0",
              "models": [
                {"id": "nano-banana-pro", "provider": "google", "providerModel": "gemini-3-pro-image",
                 "displayName": "Nano Banana Pro (Gemini 3 Pro Image)", "skinRealismRank": 1, "relativeCost": 2.5,
                 "typicalLatencySeconds": 12, "maxReferenceImages": 14, "generates": true, "inpainting": false, "takesNegativePrompt": false,
                 "planRequired": "pro", "avoidForPhotorealSkin": false, "available": true, "notes": "..."},
                {"id": "sdxl", "provider": "stability", "providerModel": "stable-diffusion-xl-1024-v1-0",
                 "displayName": "SDXL 1.0 (and SDXL-class checkpoints)", "skinRealismRank": 6, "relativeCost": 0.25,
                 "typicalLatencySeconds": 4, "maxReferenceImages": 0, "generates": true, "inpainting": true, "takesNegativePrompt": true,
                 "planRequired": "free", "avoidForPhotorealSkin": true, "available": false,
                 "notes": "Avoid for photoreal skin: most SDXL checkpoints and beauty-tuned LoRAs are trained to smooth."}
              ]
            }""";

    public static final String RECOMMEND_FINAL = """
            {"phase": "final", "needs": [], "plan": "pro"}""";

    public static final String RECOMMEND_IDEATION = """
            {"phase": "ideation", "needs": ["reference"], "plan": "free"}""";

    public static final String RECOMMEND_RESPONSE = """
            {
              "phase": "final",
              "plan": "pro",
              "needs": [],
              "model": {"id": "nano-banana-pro", "provider": "google", "providerModel": "gemini-3-pro-image",
                        "displayName": "Nano Banana Pro (Gemini 3 Pro Image)", "skinRealismRank": 1, "relativeCost": 2.5,
                        "typicalLatencySeconds": 12, "maxReferenceImages": 14, "generates": true, "inpainting": false,
                        "takesNegativePrompt": false, "planRequired": "pro", "avoidForPhotorealSkin": false, "available": true},
              "why": "Best skin realism (rank 1) among the eligible models: the final render is where pore-level skin pays for the higher cost.",
              "alternatives": [{"id": "gpt-image-2", "displayName": "GPT Image 2", "reason": "weaker skin (rank 2), cheaper (2.0), faster (~8 s)"}],
              "notes": []
            }""";

    public static final String ADVICE_HAVE_IMAGE = """
            {"stage": "have-image", "facesAffected": "some"}""";

    /** The request {@link #ADVICE_RESPONSE} answers: an image whose faces all look plastic. */
    public static final String ADVICE_HAVE_IMAGE_ALL = """
            {"stage": "have-image", "facesAffected": "all"}""";

    public static final String ADVICE_PIPELINE = """
            {"stage": "pipeline", "sourceQuality": "low-res", "plan": "pro"}""";

    public static final String ADVICE_RESPONSE = """
            {
              "stage": "have-image",
              "facesAffected": "all",
              "summary": "Keep the image: restore its skin texture in one pass, then check the plastic-skin score.",
              "fixes": [
                {"order": 1, "id": "texture-restore", "title": "Restore skin texture at 40 %", "why": "...",
                 "apiCall": {"method": "POST", "path": "/v1/jobs", "body": {"type": "texture-restore", "imageId": "{imageId}", "intensity": 40},
                             "call": "POST /v1/jobs {\\"type\\":\\"texture-restore\\",\\"imageId\\":\\"{imageId}\\",\\"intensity\\":40}"}},
                {"order": 2, "id": "verify", "title": "Check the plastic-skin score", "why": "...",
                 "apiCall": {"method": "GET", "path": "/v1/images/{imageId}/analysis", "call": "GET /v1/images/{imageId}/analysis"}}
              ],
              "avoid": ["Over-sharpening: ...", "Uniform \\"film grain\\" filters: ...", "Beauty, \\"realism\\" or HDR apps: ..."],
              "notes": []
            }""";

    public static final String PROBLEM_EMPTY = """
            {"type": "https://realskin.io/problems/prompt-empty", "title": "Prompt is empty", "status": 400,
             "detail": "'prompt' is blank", "instance": "/prompts/enhance", "field": "prompt"}""";

    public static final String PROBLEM_TOO_LONG = """
            {"type": "https://realskin.io/problems/prompt-too-long", "title": "Prompt is too long", "status": 400,
             "detail": "'prompt' has 4001 characters; at most 4000 are accepted", "instance": "/prompts/enhance",
             "field": "prompt", "length": 4001, "maxLength": 4000}""";

    public static final String PROBLEM_UNKNOWN_INTENT = """
            {"type": "https://realskin.io/problems/unknown-value", "title": "Unknown value", "status": 400,
             "detail": "Unknown intent 'boudoir'; allowed: headshot, editorial, fashion, candid, product", "instance": "/prompts/enhance",
             "field": "intent", "value": "boudoir", "allowed": ["headshot", "editorial", "fashion", "candid", "product"]}""";

    public static final String PROBLEM_UNKNOWN_PHASE = """
            {"type": "https://realskin.io/problems/unknown-value", "title": "Unknown value", "status": 400,
             "detail": "Unknown phase 'draft'; allowed: ideation, final", "instance": "/models/recommend",
             "field": "phase", "value": "draft", "allowed": ["ideation", "final"]}""";

    public static final String PROBLEM_NO_MODEL = """
            {"type": "https://realskin.io/problems/no-matching-model", "title": "No model meets these needs on this plan",
             "status": 422, "detail": "No recommended model offers inpainting and reference images on plan free; paid plans include every model",
             "instance": "/models/recommend", "phase": "final", "needs": ["inpaint", "reference"], "plan": "free"}""";

    public static final String PROBLEM_UNKNOWN_STAGE = """
            {"type": "https://realskin.io/problems/unknown-value", "title": "Unknown value", "status": 400,
             "detail": "Unknown stage 'editing'; allowed: generating, have-image, pipeline", "instance": "/advice",
             "field": "stage", "value": "editing", "allowed": ["generating", "have-image", "pipeline"]}""";

    public static final String PROBLEM_MISSING = """
            {"type": "https://realskin.io/problems/missing-field", "title": "Required field missing", "status": 400,
             "detail": "'stage' is required", "instance": "/advice", "field": "stage"}""";

    public static final String PROBLEM_INVALID = """
            {"type": "https://realskin.io/problems/invalid-request", "title": "The request is not valid",
             "status": 400, "detail": "the body is not valid JSON (line 1, column 12)", "instance": "/prompts/enhance"}""";
}
