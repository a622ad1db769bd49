package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Negations in Chinese, Japanese and Korean, which write no space before what a negation negates or put the negation
 * after it. Until 1.4.48 "不要光滑的皮肤" (no smooth skin) became "不要自然的皮肤纹理" (no natural skin texture), the
 * opposite of the request, and "美肌フィルターなし" (no beauty filter) became "自然な肌の質感フィルターなし".
 */
class UnspacedNegationPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    @ParameterizedTest
    @ValueSource(strings = {"年轻女性，不要光滑的皮肤，自然光", "肖像，女孩不要完美皮肤", "一个男人的照片，没有完美无瑕的皮肤",
            "女性の写真、美肌フィルターなし、毛穴を残して", "女性のポートレート、美肌加工は不要", "여자 사진, 뷰티 필터 없이, 자연광"})
    void aNegatedSmoothingPhraseStays(String prompt) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(prompt + ", unretouched"), e.prompt());
        assertTrue(Fixtures.linter().lint(prompt, null).findings().isEmpty(), prompt);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "美丽的女孩，完美无瑕的皮肤，自然光 | 女孩，自然的皮肤纹理，自然光, unretouched",
            "女性の写真、美肌フィルター、自然光 | 女性の写真、自然光, unretouched",
            "girl portrait, 美颜滤镜, smooth skin | girl portrait, natural skin texture, unretouched",
            "특별한 여자, 뷰티 필터, 자연광 | 특별한 여자, 자연광, unretouched"})
    void anUnnegatedOneIsRewrittenWhole(String prompt, String start) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    /** A mention negated after it does not count either: no people is no person. */
    @ParameterizedTest
    @ValueSource(strings = {"山の風景、人物なし、夕焼け", "바다 풍경, 사람들 없이"})
    void noPeopleSaidAfterIsNoPerson(String prompt) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertFalse(e.personDetected(), prompt);
        assertEquals(prompt, e.prompt());
    }
}
