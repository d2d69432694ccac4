package io.kyso.verification.dss;

import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.x509.aia.AIASource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import io.kyso.verification.report.Fetch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * DSS's network sources for one verification run (OCSP, CRL distribution points, AIA issuers), each
 * over a data loader that records every request, so the report can say what was fetched and from
 * where. Not shared between runs: each run lists its own requests.
 */
public final class OnlineSources {
    private final List<Fetch> fetched = Collections.synchronizedList(new ArrayList<>());
    private final OnlineOCSPSource ocsp = new OnlineOCSPSource(new RecordingLoader("OCSP", new OCSPDataLoader(), fetched));
    private final OnlineCRLSource crl = new OnlineCRLSource(new RecordingLoader("CRL", new CommonsDataLoader(), fetched));
    private final DefaultAIASource aia =
            new DefaultAIASource(new RecordingLoader("CERTIFICATE", new CommonsDataLoader(), fetched));

    OnlineOCSPSource ocsp() {
        return ocsp;
    }

    OnlineCRLSource crl() {
        return crl;
    }

    AIASource aia() {
        return aia;
    }

    /** Every request made so far, in order. */
    public List<Fetch> fetched() {
        synchronized (fetched) {
            return List.copyOf(fetched);
        }
    }

    /** Passes every call to DSS's loader and notes the address and whether an answer came back. */
    private record RecordingLoader(String kind, DataLoader delegate, List<Fetch> log) implements DataLoader {

        @Override
        public byte[] get(String url) {
            return noted(url, () -> delegate.get(url));
        }

        @Override
        public DataAndUrl get(List<String> urls) {
            try {
                DataAndUrl answer = delegate.get(urls);
                // the loader tries the addresses in order until one answers
                for (String url : urls) {
                    boolean answered = url.equals(answer.getUrlString());
                    log.add(new Fetch(kind, url, answered));
                    if (answered) {
                        break;
                    }
                }
                return answer;
            } catch (RuntimeException e) {
                urls.forEach(url -> log.add(new Fetch(kind, url, false)));
                throw e;
            }
        }

        @Override
        public byte[] post(String url, byte[] content) {
            return noted(url, () -> delegate.post(url, content));
        }

        @Override
        public void setContentType(String contentType) {
            delegate.setContentType(contentType);
        }

        private byte[] noted(String url, Supplier<byte[]> call) {
            try {
                byte[] answer = call.get();
                log.add(new Fetch(kind, url, answer != null && answer.length > 0));
                return answer;
            } catch (RuntimeException e) {
                log.add(new Fetch(kind, url, false));
                throw e;
            }
        }
    }
}
