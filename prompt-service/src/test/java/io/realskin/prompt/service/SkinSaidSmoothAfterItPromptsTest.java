package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chinese, Japanese and Korean skin said smooth after it, the skin first ("皮肤光滑", skin smooth). Until 1.4.68 only the
 * adjective-first order was read: "皮肤光滑的女孩" and "피부가 매끄러운 여자" went to the model as written, beside English
 * additions asking for pores, and "肌がきれいな女性" lost its "きれいな" as praise of the woman ("肌が女性").
 */
class SkinSaidSmoothAfterItPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "皮肤光滑的女孩 | 皮肤纹理自然的女孩, unretouched",
            "一个女孩，皮肤光滑 | 一个女孩，皮肤纹理自然, unretouched",
            "她的皮肤很光滑，自然光 | 她的皮肤纹理自然，自然光, unretouched",
            "一个女人，皮肤完美无瑕 | 一个女人，皮肤纹理自然, unretouched",
            "皮肤白皙光滑的女孩 | 皮肤白皙，纹理自然的女孩, unretouched",
            "女の子、肌がすべすべ | 女の子、肌の質感が自然, unretouched",
            "肌がきれいな女性 | 肌の質感が自然な女性, unretouched",
            "피부가 매끄러운 여자 | 피부 결이 자연스러운 여자, unretouched",
            "피부가 정말 깨끗한 남자 초상화 | 피부 결이 자연스러운 남자 초상화, unretouched"})
    void skinSaidSmoothAfterItIsSaidNatural(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertFalse(e.prompt().contains("visible skin texture"), "the rewrite already asks for the texture: " + e.prompt());
        assertFalse(Fixtures.linter().lint(prompt, null).findings().isEmpty(), prompt);
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"女孩，不要皮肤光滑", "女孩，皮肤不要光滑", "皮肤科医生的办公室，女医生"})
    void negatedOrNotSaidSmoothItStays(String prompt) {
        assertTrue(enhancer.enhance(prompt, null, null).prompt().startsWith(prompt + ", unretouched"), prompt);
    }

    /**
     * Skin said to be like a smooth thing, and "glass skin" in Korean, Japanese and Chinese: until 1.4.79 "porcelain-like
     * skin", "유리 피부", "ガラス肌", "玻璃肌" went to the model as written.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with porcelain-like skin | a woman with natural skin texture, unretouched",
            "a man with plastic looking skin, studio | a man with natural skin texture, studio, unretouched",
            "K-beauty model with 유리 피부 | K-beauty model with 자연스러운 피부 결, unretouched",
            "ガラス肌の女性 | 自然な肌の質感の女性, unretouched",
            "玻璃肌的女孩 | 自然的皮肤纹理的女孩, unretouched"})
    void skinLikeASmoothThingIsRewritten(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }
}
