package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kyso.hsm.testing.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The path trick by which the library is initialised again: other strings, the same file. */
class CryptokiLibraryTest {

    @Test
    void shouldNameTheSameLibraryFileWithStringsTheJdkHasNotCached() throws Exception {
        Pkcs11Config config = SoftHsm.freshToken("library");
        try (HsmToken token = Pkcs11HsmToken.open(config)) {
            CryptokiLibrary library = CryptokiLibrary.load(config.libraryPath().toAbsolutePath().normalize().toString(),
                    config.tokenLabel());
            Path original = Path.of(library.path());
            for (int n = 1; n <= 3; n++) {
                String alias = library.alias(n);
                assertNotEquals(library.path(), alias);
                assertNotEquals(library.alias(n + 1), alias);
                assertEquals(original.toRealPath(), Path.of(alias).toRealPath());
                assertTrue(Files.isSameFile(original, Path.of(alias)));
            }
            assertTrue(token.health().up());
        }
    }
}
