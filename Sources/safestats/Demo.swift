import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every step on synthetic data with the example key.",
            usage: "safestats demo [--out <dir>] [--victims <n>] [<options>]",
            discussion: """
                synth → validate → pseudonymise → export the bundles of GRETA and UNODC (2023) and the \
                TIP Report (reporting year 2024), protected together, for reporting country AZE → audit \
                each bundle again from its tables alone → verify each bundle's signatures → write a record \
                extract (k = 11, l = 2) and verify it. Uses the published \
                EXAMPLE keys, built into safestats and written to --out/keys-example/ (so it runs from any \
                directory): nothing it makes protects anyone, and its signatures prove nothing.

                Example:
                  safestats demo --out demo-output
                """
        )

        @Option(help: ArgumentHelp("Directory to create for the demo's files.", valueName: "dir"), completion: .directory)
        var out = "demo-output"

        @Option(help: ArgumentHelp("Example key to use (default: the built-in one).", valueName: "file"), completion: .file())
        var key: String?

        @Option(name: .customLong("signing-key"), help: ArgumentHelp(
            "Example signing key to use, its public key beside it (.pub) (default: the built-in one).", valueName: "file"), completion: .file())
        var signingKey: String?

        @Option(help: ArgumentHelp("Number of synthetic victim records.", valueName: "n"))
        var victims = 1000

        @Flag(help: "Replace the output directory if it exists.")
        var force = false

        func run() throws {
            do {
                if force, FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            } catch {
                Console.error("\(out): cannot create the demo directory (exists? pass --force): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.ioError.rawValue)
            }
            let keys: String
            do { keys = try key == nil || signingKey == nil ? ExampleKeys.write(to: out + "/keys-example") : "" } catch {
                try? FileManager.default.removeItem(atPath: out)
                throw statusFor(error)
            }
            let key = key ?? keys + "/" + ExampleKeys.pseudonymisationKey
            let signingKey = signingKey ?? keys + "/" + ExampleKeys.signingKey
            let records = out + "/records"
            let pseudonymised = out + "/pseudonymised"
            do {
                print("1. synth: writing \(victims) synthetic victim records with cases and offenders")
                let s = try SyntheticRegister(victimRecords: victims, seed: 2026).write(to: records, replace: false)
                print("   \(s.victimRecords) victim records of \(s.victimPersons) persons, \(s.cases) cases, \(s.offenderRecords) offender records → \(records)")

                print("2. validate \(records)")
                let problems = ProblemLog()
                var none = NoVisitor()
                _ = try InputReader(input: InputDirectory(path: records)).read(problems: problems, visitor: &none)
                guard problems.isEmpty else {
                    for p in problems.problems { Console.note(p.description) }
                    throw ExitCode(ExitStatus.dataError.rawValue)
                }
                print("   valid")

                print("3. pseudonymise with \(key)")
                let k = try loadKey(KeyOptions.parse(["--key", key]))
                guard k.isExample else {
                    Console.error("the demo runs with example keys only; \(key) is not marked as an example")
                    throw ExitCode(ExitStatus.configuration.rawValue)
                }
                let result = try PseudonymisationRun(input: InputDirectory(path: records), key: k)
                    .run(output: pseudonymised, replace: false, problems: problems)
                print(LinkageText.render(result, json: false))

                let bundles = out + "/bundles"
                print("4. export for GRETA and UNODC (calendar 2023) and the TIP Report (reporting year 2024: April 2023 to March 2024), protected together")
                let requests = try [("greta", "2023"), ("unodc", "2023"), ("us-tip", "2024")].map { id, text in
                    let profile = try Profile.named(id)
                    return (profile: profile, period: profile.period(text)!)
                }
                let input = try ReleaseInput.read(InputDirectory(path: pseudonymised), key: nil, problems: problems)
                let signer = try SigningSecretKey.read(from: signingKey, passphrase: nil)
                guard signer.isExample else {
                    Console.error("the demo runs with example keys only; \(signingKey) is not marked as an example")
                    throw ExitCode(ExitStatus.configuration.rawValue)
                }
                let export = try SafeStats.Export(input.units, requests: requests, country: "AZE")
                try export.write(to: bundles, input: input.provenance, signingKey: signer, replace: false)
                print(ExportText.render(export, out: bundles, history: nil, json: false))

                print("5. audit each bundle from its tables and its certificate alone")
                for bundle in export.bundles {
                    let recheck = try PublishedDirectory.recheck(bundles + "/" + bundle.name)
                    guard recheck.audit.passed, recheck.matchesRecorded == true else {
                        Console.error("\(bundle.name) does not pass its audit")
                        throw ExitCode(ExitStatus.verificationFailed.rawValue)
                    }
                    print("   \(bundle.name): \(recheck.audit.intervals.count) hidden cells, none narrow, no small count published; audit.json agrees"
                        + (recheck.byCertificate ? "; proven by certificate.json with integers, no program solved" : ""))
                }
                let publicKeyFile = (signingKey as NSString).deletingPathExtension + ".pub"
                print("6. verify each bundle with \(publicKeyFile) (as an auditor would; or: minisign -Vm FILE -P \(signer.publicKey.base64))")
                let publicKey = try SigningPublicKey.load(publicKeyFile)
                for bundle in export.bundles {
                    let v = BundleVerification(bundle: bundles + "/" + bundle.name, publicKey: publicKey)
                    guard v.passed else {
                        for f in v.failures { Console.error("\(bundle.name): \(f.subject): \(f.what): \(f.failure!)") }
                        throw ExitCode(ExitStatus.verificationFailed.rawValue)
                    }
                    print("   \(bundle.name): \(v.checks.count) checks passed (signed by \(publicKey.id), EXAMPLE key)")
                }
                let extractOut = out + "/extract"
                print("7. extract: one row per victim, every group of at least 11 rows with 2 forms of exploitation or more, signed; then verified")
                let extract = try RecordExtract(input.units, period: nil, country: "AZE", k: 11, l: 2, quasiIdentifiers: QuasiIdentifier.allCases,
                                                sensitiveAttributes: [.exploitationForms])
                try extract.write(to: extractOut, input: input.provenance, signingKey: signer, replace: false)
                print(ExtractText.render(extract, out: extractOut, json: false))
                let v = BundleVerification(bundle: extractOut, publicKey: publicKey)
                guard v.passed else {
                    for f in v.failures { Console.error("extract: \(f.subject): \(f.what): \(f.failure!)") }
                    throw ExitCode(ExitStatus.verificationFailed.rawValue)
                }
                print("   extract: \(v.checks.count) checks passed, k and l counted again on its rows")
                print("Read the reports before sending: \((export.bundles.map { "\(bundles)/\($0.name)" } + [extractOut]).map { $0 + "/report.html" }.joined(separator: ", "))")
            } catch let e as ExitCode {
                try? FileManager.default.removeItem(atPath: out)  // no partial demo left behind
                throw e
            } catch {
                try? FileManager.default.removeItem(atPath: out)
                throw statusFor(error)
            }
        }
    }
}
