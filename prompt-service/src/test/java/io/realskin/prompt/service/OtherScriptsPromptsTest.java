package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.Enhancement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prompts in Thai, Arabic, Hebrew, Hindi and Vietnamese. Until 1.4.51 no person word of these scripts was listed, so
 * every such portrait came back unchanged as a prompt without anyone in it; Thai, written without spaces between words,
 * is matched inside a run of its letters as Chinese is.
 */
class OtherScriptsPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();

    @ParameterizedTest
    @ValueSource(strings = {"ภาพถ่ายหญิงสาว แสงธรรมชาติ", "صورة امرأة مسنة مع تجاعيد، ضوء طبيعي", "صورة شخصية للرجل في الشارع",
            "דיוקן של אישה צעירה, תאורה טבעית", "एक बूढ़े आदमी की तस्वीर, प्राकृतिक रोशनी",
            "Chân dung một người phụ nữ lớn tuổi, ánh sáng tự nhiên"})
    void aPersonInTheseScriptsIsAPerson(String prompt) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertTrue(e.personDetected(), prompt);
        assertTrue(e.prompt().startsWith(prompt + ", unretouched"), e.prompt());
        assertEquals(e.prompt(), enhancer.enhance(e.prompt(), null, null).prompt(), "idempotent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ภูเขาและทะเลยามพระอาทิตย์ตก", "منظر طبيعي للصحراء عند الغروب", "נוף של הרים בשקיעה",
            "पहाड़ों का सुंदर चित्र, सूर्यास्त", "phong cảnh núi non lúc hoàng hôn"})
    void aSceneInTheseScriptsHasNoPerson(String prompt) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertFalse(e.personDetected(), prompt);
        assertEquals(prompt, e.prompt());
    }
}
