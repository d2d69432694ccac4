package io.kyso.csc.interop

import org.bouncycastle.asn1.x500.X500Name
import org.bouncycastle.asn1.x509.Extension
import org.bouncycastle.asn1.x509.GeneralName
import org.bouncycastle.asn1.x509.GeneralNames
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder
import java.math.BigInteger
import java.nio.file.Files
import java.nio.file.Path
import java.security.KeyPairGenerator
import java.security.KeyStore
import java.security.SecureRandom
import java.security.cert.X509Certificate
import java.time.Duration
import java.time.Instant
import java.util.Date
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory

/**
 * HTTPS on this machine for the test: a key and a self-signed certificate for `localhost`, made now
 * and valid for a day (nothing to expire in the repository), in a PKCS#12 file for the service, and
 * an SSL context that trusts exactly that certificate for the clients. The CSC client refuses
 * anything but https URLs.
 */
class LocalTls private constructor(val keyStore: Path, val password: String, val sslContext: SSLContext) {
    companion object {
        fun create(folder: Path): LocalTls {
            val keys = KeyPairGenerator.getInstance("EC").apply { initialize(256) }.generateKeyPair()
            val now = Instant.now()
            val name = X500Name("CN=localhost")
            val builder = JcaX509v3CertificateBuilder(name, BigInteger(64, SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), name, keys.public)
            builder.addExtension(Extension.subjectAlternativeName, false,
                GeneralNames(GeneralName(GeneralName.dNSName, "localhost")))
            val certificate: X509Certificate = JcaX509CertificateConverter()
                .getCertificate(builder.build(JcaContentSignerBuilder("SHA256withECDSA").build(keys.private)))
            val password = BigInteger(128, SecureRandom()).toString(36)
            val store = KeyStore.getInstance("PKCS12").apply {
                load(null, null)
                setKeyEntry("kyso", keys.private, password.toCharArray(), arrayOf(certificate))
            }
            Files.createDirectories(folder)
            val file = Files.createTempFile(folder, "kyso-tls-", ".p12")
            Files.newOutputStream(file).use { store.store(it, password.toCharArray()) }
            val trusted = KeyStore.getInstance("PKCS12").apply {
                load(null, null)
                setCertificateEntry("kyso", certificate)
            }
            val trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).apply { init(trusted) }
            val context = SSLContext.getInstance("TLS").apply { init(null, trust.trustManagers, null) }
            return LocalTls(file.toAbsolutePath(), password, context)
        }
    }
}
