package io.kyso.csc.interop

import eu.europa.ec.eudi.rqes.AuthorizationCode
import eu.europa.ec.eudi.rqes.CSCClient
import eu.europa.ec.eudi.rqes.CSCClientConfig
import eu.europa.ec.eudi.rqes.CredentialAuthorizationSubject
import eu.europa.ec.eudi.rqes.CredentialAuthorized
import eu.europa.ec.eudi.rqes.CredentialID
import eu.europa.ec.eudi.rqes.CredentialRef
import eu.europa.ec.eudi.rqes.CredentialsInfoRequest
import eu.europa.ec.eudi.rqes.CredentialsListRequest
import eu.europa.ec.eudi.rqes.Digest
import eu.europa.ec.eudi.rqes.DocumentDigest
import eu.europa.ec.eudi.rqes.DocumentDigestList
import eu.europa.ec.eudi.rqes.HashAlgorithmOID
import eu.europa.ec.eudi.rqes.OAuth2Client
import eu.europa.ec.eudi.rqes.ParUsage
import eu.europa.ec.eudi.rqes.RarUsage
import eu.europa.ec.eudi.rqes.SCAL
import eu.europa.ec.eudi.rqes.SigningAlgorithmOID
import eu.europa.esig.dss.enumerations.DigestAlgorithm
import eu.europa.esig.dss.enumerations.SignatureAlgorithm
import eu.europa.esig.dss.enumerations.SignatureLevel
import eu.europa.esig.dss.model.InMemoryDocument
import eu.europa.esig.dss.model.SignatureValue
import eu.europa.esig.dss.model.x509.CertificateToken
import eu.europa.esig.dss.pades.PAdESSignatureParameters
import eu.europa.esig.dss.pades.signature.PAdESService
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier
import io.kyso.signer.testing.IndependentValidators
import io.kyso.signer.testing.KysoTestService
import io.kyso.signer.testing.PageClient
import io.kyso.signer.testing.TestPdfs
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import java.net.ServerSocket
import java.net.URI
import java.net.URL
import java.net.URLDecoder
import java.nio.file.Path
import java.security.MessageDigest
import java.security.Signature
import java.time.Instant
import java.util.Base64
import java.util.Map.entry
import javax.net.ssl.SSLContext

/**
 * The EU Digital Identity Wallet's rQES CSC client (eudi-lib-jvm-rqes-csc-kt 0.2.0), which nobody
 * here wrote, runs the whole CSC API v2 flow against a real Kyso over HTTPS: RSSP metadata (info and
 * RFC 8414), service authorization with client credentials, credential listing and info, credential
 * authorization with a pushed request and authorization details (the citizen confirms on Kyso's page
 * with the code from the outbox), and signHash for 20 hashes at once. The values verify with the
 * credential's certificate, and one of them, over EU DSS's data to sign for a PDF, completes a
 * PAdES-BASELINE-B signature that EU DSS validates.
 */
class EudiCscClientInteropIT {
    companion object {
        const val REDIRECT = "https://portal.example/csc/callback"
        const val PHONE = "+84912000901"
        lateinit var kyso: KysoTestService

        @JvmStatic
        @BeforeAll
        fun start() {
            val tls = LocalTls.create(Path.of("target"))
            SSLContext.setDefault(tls.sslContext) // before any client of the test is made
            val port = ServerSocket(0).use { it.localPort }
            kyso = KysoTestService.start(mapOf<String, Any>(
                "micronaut.server.port" to port,
                "micronaut.server.ssl.enabled" to true,
                "micronaut.server.ssl.port" to port,
                "micronaut.server.ssl.key-store.path" to "file:${tls.keyStore}",
                "micronaut.server.ssl.key-store.password" to tls.password,
                "micronaut.server.ssl.key-store.type" to "PKCS12",
                "kyso.public-url" to "https://localhost:$port",
                "kyso.csc.clients.dev-portal.redirect-uris" to REDIRECT))
        }

        @JvmStatic
        @AfterAll
        fun stop() {
            kyso.close()
        }
    }

    @Test
    fun shouldSignHashesAndAssembleAValidPadesSignatureThroughTheEuClient() = runBlocking {
        val credentialId = kyso.enroll("Nguyễn Thị Hồng Nhung", "001099000901", PHONE, null)["id"] as String
        val config = CSCClientConfig(
            client = OAuth2Client.Confidential.ClientSecretBasic("dev-portal", KysoTestService.API_KEY),
            authFlowRedirectionURI = URI(REDIRECT),
            scaBaseURL = URL("https://localhost/unused-sca"),
            parUsage = ParUsage.Required,
            rarUsage = RarUsage.Required,
        )
        val client = CSCClient.oauth2(config, kyso.url("/csc/v2").toString()).getOrThrow()
        with(client) {
            val service = authorizeWithClientCredentials().getOrThrow()
            val listed = service.listCredentials(CredentialsListRequest()).getOrThrow()
            val credential = listed.single { it.credentialID.value == credentialId }
            assertEquals(SCAL.Two, credential.scal)
            val info = service.credentialInfo(CredentialsInfoRequest(CredentialID(credentialId))).getOrThrow()
            val chain = info.certificate.certificates!!
            assertEquals(3, chain.size)

            // EU DSS prepares a PAdES signature with the credential's chain: its data to sign is hash 0
            val pdf = InMemoryDocument(TestPdfs.withPages(2, "Tờ khai đăng ký hộ kinh doanh"), "to-khai.pdf")
            val pades = PAdESService(CommonCertificateVerifier())
            val parameters = PAdESSignatureParameters().apply {
                signatureLevel = SignatureLevel.PAdES_BASELINE_B
                digestAlgorithm = DigestAlgorithm.SHA256
                signingCertificate = CertificateToken(chain[0])
                certificateChain = chain.map { CertificateToken(it) }
            }
            val toBeSigned = pades.getDataToSign(pdf, parameters)
            val hashes = listOf(sha256(toBeSigned.bytes)) + (1 until 20).map { sha256("portal document $it".toByteArray()) }
            val digests = hashes.mapIndexed { i, h ->
                DocumentDigest(Digest(Base64.getEncoder().encodeToString(h)), if (i == 0) "to-khai.pdf" else "tai-lieu-$i.pdf")
            }
            val subject = CredentialAuthorizationSubject(CredentialRef.ByCredentialID(CredentialID(credentialId)),
                DocumentDigestList(digests, HashAlgorithmOID.SHA_256, Instant.now()), digests.size)
            val prepared = prepareCredentialAuthorizationRequest(subject).getOrThrow()

            val redirect = citizenConfirms(prepared.authorizationRequestPrepared.authorizationCodeURL.value.toString())
            val authorized = prepared.authorizeWithAuthorizationCode(AuthorizationCode(redirect.getValue("code")),
                redirect.getValue("state")).getOrThrow()
            assertTrue(authorized is CredentialAuthorized.SCAL2)
            val signatures = (authorized as CredentialAuthorized.SCAL2).signHash(SigningAlgorithmOID.ECDSA_SHA256)
                .getOrThrow().signatures.map { Base64.getDecoder().decode(it.value) }
            assertEquals(20, signatures.size)
            signatures.forEachIndexed { i, value ->
                val check = Signature.getInstance("NONEwithECDSA").apply { initVerify(chain[0].publicKey); update(hashes[i]) }
                assertTrue(check.verify(value), "signature $i verifies with the credential's certificate")
            }

            val signed = pades.signDocument(pdf, parameters, SignatureValue(SignatureAlgorithm.ECDSA_SHA256, signatures[0]))
            IndependentValidators.assertPadesBaselineBValid(signed.openStream().readAllBytes(), kyso.rootCertificate(),
                kyso.crl(), kyso.rootCrl())
        }
    }

    /** The citizen's browser: the authorization URL, Kyso's page, the code sent to the phone; back to the portal. */
    private fun citizenConfirms(authorizationUrl: String): Map<String, String> {
        val browser = PageClient(kyso.url(""))
        val toPage = browser.get(authorizationUrl)
        assertEquals(303, toPage.statusCode(), toPage.body())
        val page = toPage.headers().firstValue("Location").get()
        assertEquals(200, browser.get(page).statusCode())
        assertTrue(browser.lastPage().contains("to-khai.pdf"), "the page names the documents")
        val back = browser.post("$page/confirmation",
            browser.formWith("/confirmation", listOf(entry("otp", kyso.latestCode(PHONE)))))
        assertEquals(303, back.statusCode(), back.body())
        val location = URI(back.headers().firstValue("Location").get())
        assertTrue(location.toString().startsWith(REDIRECT))
        return location.rawQuery.split("&").associate {
            val (name, value) = it.split("=", limit = 2)
            name to URLDecoder.decode(value, Charsets.UTF_8)
        }
    }

    private fun sha256(data: ByteArray): ByteArray = MessageDigest.getInstance("SHA-256").digest(data)
}
