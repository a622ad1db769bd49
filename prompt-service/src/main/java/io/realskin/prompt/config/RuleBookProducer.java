package io.realskin.prompt.config;

import io.realskin.prompt.service.RuleBook;
import io.realskin.prompt.service.YamlResources;
import io.realskin.prompt.domain.Vocabulary;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Loads and checks the configured vocabulary once, at startup: a broken vocabulary stops the service from starting. */
public class RuleBookProducer {

    private static final Logger LOG = Logger.getLogger(RuleBookProducer.class);

    @Produces
    @Singleton
    @Startup
    RuleBook ruleBook(PromptSettings settings) {
        Vocabulary vocabulary = YamlResources.read(settings.vocabulary(), Vocabulary.class);
        RuleBook book = RuleBook.of(vocabulary);
        LOG.infof("Prompt vocabulary %s loaded from %s: %d rules, %d additions",
                book.version(), settings.vocabulary(), book.rules().size(), book.additions().size());
        return book;
    }
}
