package io.realskin.generation.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OpenAI account headers from their settings, and the values that refuse the start. */
class OpenAiAccountTest {
    @Test
    void setValuesBecomeTheHeadersAndUnsetOrBlankOnesNone() {
        assertEquals(Map.of("OpenAI-Organization", "org-4Yd2kq", "OpenAI-Project", "proj_8Hs3vB"),
                OpenAiAccount.headers(Optional.of("org-4Yd2kq"), Optional.of(" proj_8Hs3vB ")));
        assertEquals(Map.of("OpenAI-Project", "proj_8Hs3vB"), OpenAiAccount.headers(Optional.empty(), Optional.of("proj_8Hs3vB")));
        assertEquals(Map.of(), OpenAiAccount.headers(Optional.of("  "), Optional.empty()));
    }

    @Test
    void aLineBreakOrControlCharacterRefusesTheStartNamingTheSettingNotTheValue() {
        for (String bad : List.of("org-4Yd2kq\r\nX-Injected: 1", "org-4Yd2kq\nsecond", "org-\u00004Yd2kq", "org-4Yd2kq\u007f", "org-\t4Yd2kq")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OpenAiAccount.headers(Optional.of(bad), Optional.empty()), bad);
            assertTrue(e.getMessage().contains("realskin.providers.openai.organization (OPENAI_ORG_ID)"), e.getMessage());
            assertTrue(e.getMessage().contains("control character"), e.getMessage());
            assertFalse(e.getMessage().contains("4Yd2kq"), "the value is not repeated: " + e.getMessage());
        }
        IllegalArgumentException project = assertThrows(IllegalArgumentException.class,
                () -> OpenAiAccount.headers(Optional.empty(), Optional.of("proj_8Hs3vB\r\n")));
        assertTrue(project.getMessage().contains("realskin.providers.openai.project (OPENAI_PROJECT_ID)"), project.getMessage());
    }
}
