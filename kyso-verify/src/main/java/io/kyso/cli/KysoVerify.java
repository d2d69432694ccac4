package io.kyso.cli;

import io.kyso.verification.InputFile;
import io.kyso.verification.RevocationFetching;
import io.kyso.verification.UnsupportedFileException;
import io.kyso.verification.Verifier;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.ReportJson;
import io.kyso.verification.report.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kyso-verify}: verifies a signed dossier offline with the engine signer-service runs, and
 * prints a verdict per signature, per file and for the dossier. Exit status: 0 when everything is
 * VALID, 1 when something is not, 2 when the command could not run (bad arguments, unreadable or
 * unsupported file). Subcommands check an audit export and an evidence package.
 */
@Command(name = "kyso-verify", mixinStandardHelpOptions = true, version = "kyso-verify 0.1.0 (EU DSS 6.3)",
        sortOptions = false, usageHelpAutoWidth = true, exitCodeOnInvalidInput = KysoVerify.ERROR,
        description = {"Verifies signed PDF (PAdES) and XML (XAdES) documents offline with EU DSS, as Kyso's service does.",
                "All FILEs form one dossier; give a detached XML signature together with the file it signs.",
                "Exit status: 0 all valid, 1 not valid, 2 error."},
        subcommands = {AuditCommand.class, EvidenceCommand.class})
public final class KysoVerify implements Callable<Integer> {
    static final int VALID = 0;
    static final int NOT_VALID = 1;
    static final int ERROR = 2;

    @Mixin
    TrustOptions trust;

    @Mixin
    OutputOptions output;

    @Option(names = "--online", description = {"also fetch what the files do not carry and --crl does not give: OCSP "
            + "responses, CRLs and missing issuers' certificates, from the addresses the certificates name; "
            + "the output lists every address asked. Default: nothing is fetched."})
    boolean online;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "the dossier's files (PDF, XML)")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs the command line with its output on {@code out} and messages on {@code err}; returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new KysoVerify()).setOut(out).setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("kyso-verify: " + e.getMessage());
                    return ERROR;
                });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    @Override
    public Integer call() throws Exception {
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give at least one FILE to verify.");
        }
        output.configureLogging();
        List<InputFile> inputs = files.stream().map(f -> new InputFile(f.getFileName().toString(), f)).toList();
        DossierReport report;
        try {
            report = new Verifier(trust.material(spec.commandLine().getErr()), Clock.systemUTC(),
                    online ? RevocationFetching.ONLINE : RevocationFetching.OFFLINE).verify(inputs).report();
        } catch (UnsupportedFileException e) {
            spec.commandLine().getErr().println("kyso-verify: " + e.getMessage());
            return ERROR;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(new String(ReportJson.write(report), StandardCharsets.UTF_8));
        } else {
            new ReportPrinter(out, output.locale()).print(report);
        }
        return report.verdict() == Verdict.VALID ? VALID : NOT_VALID;
    }
}
