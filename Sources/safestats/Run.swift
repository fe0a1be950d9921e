import ArgumentParser
import Foundation
import Logging
import SafeStats

extension SafeStatsCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The unattended job: read, protect, sign, verify and release, from a configuration file.",
            discussion: """
                Reads the YAML configuration (schema: schemas/run-config.schema.json): the input, the keys \
                (passphrases only from the environment variables it names; never a prompt), the reporting \
                country, the output directory and each recipient's period (last-quarter, last-calendar-year, \
                last-tip-year, or a fixed one). Protects every recipient's tables together, signs each bundle, \
                verifies it, and moves the release into OUTPUT/<bundle>+<bundle>… . Every release is \
                protected together with those already sent (OUTPUT/.state/history.sqlite). Late registrations \
                and corrections in periods already sent never stop it: with revisions: hold (the default) the \
                figures sent stand; with revisions: publish the bundles whose figures changed are revised in \
                the release (RECIPIENT-PERIOD-v2, …), protected together with every version sent. Re-running \
                for the same periods finds the release unchanged and writes nothing (exit 0). Logs go to standard error, one line \
                per step (--log-json: one JSON object per line), and never hold a value of a record.

                Exit: 0 released or unchanged, 1 a release fails its audit or verification or differs from \
                the one already made, 65 invalid input, 74 I/O or the output locked by another run, \
                78 configuration, keys or passphrases.

                Example (the passphrases in the environment variables the configuration names; \
                examples/systemd/ and examples/cron/ run it every quarter):
                  safestats run --config /etc/safestats/quarterly.yaml
                """
        )

        @Option(help: ArgumentHelp("The job's YAML configuration file.", valueName: "file"), completion: .file())
        var config: String

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Run as on this day (YYYY-MM-DD) instead of today: what last-quarter and the others refer to.", valueName: "date"))
        var asOf: String?

        @Flag(name: .customLong("log-json"), help: "Log one JSON object per line.")
        var logJSON = false

        @Flag(help: "Log every suppression round too.")
        var verbose = false

        func run() throws {
            var today = ISODate.today()
            if let asOf {
                guard let day = ISODate(asOf) else { throw ValidationError("--as-of \(EchoedText.capped(asOf)): not a date (YYYY-MM-DD)") }
                today = day
            }
            var logger = Logger(label: "safestats") { LineLogHandler(label: $0, json: logJSON) }
            logger.logLevel = verbose ? .debug : .info
            do {
                let configuration = try JobConfiguration.read(from: config)
                logger.info("started", metadata: ["config": "\(config)", "as_of": "\(today)", "output": "\(configuration.output)"])
                let outcome = try QuarterlyJob(configuration: configuration, today: today, logger: logger).run()
                switch outcome {
                case .released(let path, let bundles):
                    print("released \(path): \(bundles.joined(separator: ", ")) (signed and verified)")
                case .unchanged(let path, _, let identical):
                    print(identical ? "unchanged: \(path) already holds these bundles, byte for byte; nothing written"
                        : "unchanged: \(path) already holds these figures, as they were sent; nothing written")
                }
            } catch {
                logger.error("stopped", metadata: ["reason": "\(error.description)", "exit": "\(error.exitStatus.rawValue)"])
                throw ExitCode(error.exitStatus.rawValue)
            }
        }
    }
}
