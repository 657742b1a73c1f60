package im.tandem.feature.blocking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The block and unblock iq handlers, one {@link BlockCommand} per element. */
@Configuration(proxyBeanMethods = false)
class BlockCommands {

    @Bean
    BlockCommand blockCommand(BlockLists lists) {
        return new BlockCommand("block", lists);
    }

    @Bean
    BlockCommand unblockCommand(BlockLists lists) {
        return new BlockCommand("unblock", lists);
    }
}
