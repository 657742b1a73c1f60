package im.tandem.feature.upload;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The file system {@link FileStore} under {@code <tandem.data-dir>/uploads}, unless another store is configured. */
@Configuration(proxyBeanMethods = false)
public class UploadConfiguration {

    @Bean
    @ConditionalOnMissingBean(FileStore.class)
    public FileStore fileStore(@Value("${tandem.data-dir:./data}") Path dataDir) {
        return new FilesystemFileStore(dataDir.resolve("uploads"));
    }
}
