import Foundation
import Testing

/// Signing keys, signed bundles and `verify`, run as the data officer and an auditor run them,
/// with Debian's `minisign` as the outside check in both directions.
@Suite(.serialized) struct SigningCommandTests {
    static let minisign = "/usr/bin/minisign"

    private func sh(_ script: String, environment: [String: String] = [:]) -> (status: Int32, stdout: String, stderr: String) {
        CLI.execute("/bin/sh", ["-c", script], environment: environment)
    }

    private func data(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    /// The public key's base64 line from a minisign .pub file.
    private func publicKeyLine(_ path: String) -> String {
        String(String(decoding: data(path), as: UTF8.self).split(separator: "\n")[1])
    }

    /// Exports greta and unodc 2023 from the hand-made fixture, signed with `key`.
    private func export(signingKey key: String, environment: [String: String] = [:]) -> (out: String, status: Int32, stderr: String) {
        let out = CLI.temporaryDirectory() + "/bundles"
        let r = CLI.execute(CLI.binary, ["export", "--in", CLI.fixtures + "/good", "--pseudonymisation-key", CLI.exampleKey,
                                         "--recipient", "greta", "--recipient", "unodc", "--period", "2023", "--country", "AZE",
                                         "--signing-key", key, "--out", out] + (environment.isEmpty ? [] : ["--signing-passphrase-env", "SIGNING_PASSPHRASE"]),
                        environment: environment)
        return (out, r.status, r.stderr)
    }

    /// minisign accepts every signature of `bundle`; returns the number of files checked.
    private func minisignAcceptsEverySignature(_ bundle: String, publicKey: String) throws -> Int {
        let files = try FileManager.default.contentsOfDirectory(atPath: bundle).filter { !$0.hasSuffix(".minisig") }
        for file in files {
            let r = CLI.execute(Self.minisign, ["-Vm", bundle + "/" + file, "-P", publicKey])
            #expect(r.status == 0, "\(file): \(r.stderr)")
            #expect(r.stdout.contains("Signature and comment signature verified"), "\(file)")
            #expect(r.stdout.contains("\tfile:\(file)\trecipient:"), "\(file): \(r.stdout)")
        }
        return files.count
    }

    @Test func minisignChecksEverySignatureWeWriteAndSHA256SumsChecksEveryFile() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.minisign), "minisign is missing: run scripts/ensure-deps")
        let e = export(signingKey: CLI.exampleSigningKey)
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stderr.contains("EXAMPLE signing key"))
        for bundle in ["greta-2023", "unodc-2023"] {
            #expect(try minisignAcceptsEverySignature(e.out + "/" + bundle, publicKey: publicKeyLine(CLI.examplePublicKey)) == 9)
            let sums = sh("cd '\(e.out)/\(bundle)' && sha256sum -c SHA256SUMS")
            #expect(sums.status == 0 && sums.stdout.components(separatedBy: ": OK\n").count == 9, "\(sums.stdout)")
            let v = CLI.run("verify", e.out + "/" + bundle, "--public-key", publicKeyLine(CLI.examplePublicKey))
            #expect(v.status == 0, "\(v.stdout)")
            #expect(v.stdout.contains("VERIFIED — signed by C079D8FB59CC3536, intact, nothing missing or added, audit passed (35 checks)"))
        }
    }

    @Test func aKeyPairFromMinisignSignsBundlesThatWeVerify() throws {
        let dir = CLI.temporaryDirectory()
        // Unencrypted (-W), and encrypted with a password given on standard input.
        #expect(sh("\(Self.minisign) -G -W -p '\(dir)/w.pub' -s '\(dir)/w.key'").status == 0)
        #expect(sh("printf 'horse battery\\nhorse battery\\n' | \(Self.minisign) -G -p '\(dir)/e.pub' -s '\(dir)/e.key'").status == 0)
        for (name, environment) in [("w", [String: String]()), ("e", ["SIGNING_PASSPHRASE": "horse battery"])] {
            let e = export(signingKey: "\(dir)/\(name).key", environment: environment)
            #expect(e.status == 0, "\(name): \(e.stderr)")
            let v = CLI.run("verify", e.out + "/greta-2023", e.out + "/unodc-2023", "--public-key", "\(dir)/\(name).pub")
            #expect(v.status == 0, "\(name): \(v.stdout)")
            #expect(v.stdout.components(separatedBy: "VERIFIED").count == 3)
            #expect(try minisignAcceptsEverySignature(e.out + "/greta-2023", publicKey: publicKeyLine("\(dir)/\(name).pub")) == 9)
        }
        // The wrong passphrase for minisign's encrypted key: exit 78, nothing written.
        let wrong = export(signingKey: "\(dir)/e.key", environment: ["SIGNING_PASSPHRASE": "horse"])
        #expect(wrong.status == 78 && wrong.stderr.contains("e.key: wrong passphrase"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: wrong.out))
    }

    @Test func keysWeMakeSignWithMinisign() throws {
        let dir = CLI.temporaryDirectory()
        CLI.write("to be signed\n", to: dir + "/f")
        let plain = CLI.run("keygen", "signing", "--out", dir + "/p.key", "--public-out", dir + "/p.pub", "--unencrypted", "--json")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains(#""encrypted": false"#) && plain.stdout.contains(#""public_key": "\#(publicKeyLine(dir + "/p.pub"))""#))
        #expect(CLI.mode(dir + "/p.key") == 0o600)
        let encrypted = CLI.run("keygen", "signing", "--out", dir + "/e.key", "--public-out", dir + "/e.pub", "--passphrase-env", "SP",
                                environment: ["SP": "correct horse"])
        #expect(encrypted.status == 0 && encrypted.stdout.contains(", encrypted)"), "\(encrypted.stderr)")
        for (name, input) in [("p", ""), ("e", "correct horse\\n")] {
            let s = sh("printf '\(input)' | \(Self.minisign) -S -s '\(dir)/\(name).key' -m '\(dir)/f' -x '\(dir)/f.\(name).minisig' -t 'from \(name)'")
            #expect(s.status == 0, "\(name): \(s.stderr)")
            let v = CLI.execute(Self.minisign, ["-Vm", dir + "/f", "-x", "\(dir)/f.\(name).minisig", "-p", "\(dir)/\(name).pub"])
            #expect(v.status == 0 && v.stdout.contains("Trusted comment: from \(name)"), "\(name): \(v.stderr)")
        }
        // Never overwritten; no passphrase and no terminal: refused.
        let again = CLI.run("keygen", "signing", "--out", dir + "/p.key", "--public-out", dir + "/q.pub", "--unencrypted")
        #expect(again.status == 78 && again.stderr.contains("p.key: already exists"), "\(again.stderr)")
        let noTerminal = CLI.execute("/usr/bin/setsid", ["-w", CLI.binary, "keygen", "signing", "--out", dir + "/n.key", "--public-out", dir + "/n.pub"])
        #expect(noTerminal.status == 64 && noTerminal.stderr.contains("no terminal to ask for a passphrase"), "\(noTerminal.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/n.key"))
    }

    @Test func verifyNamesWhatFailedAndExits1() throws {
        let e = export(signingKey: CLI.exampleSigningKey)
        let bundle = e.out + "/unodc-2023"
        var csv = data(bundle + "/tables.csv")
        csv[csv.count / 2] ^= 1
        try csv.write(to: URL(fileURLWithPath: bundle + "/tables.csv"))
        CLI.write("extra", to: bundle + "/extra.txt")
        let v = CLI.run("verify", bundle, "--public-key", CLI.examplePublicKey)
        #expect(v.status == 1)
        #expect(v.stdout.contains("FAILED tables.csv: size and SHA-256 in the manifest: SHA-256 differs from the manifest's"))
        #expect(v.stdout.contains("FAILED tables.csv.minisig: signature: does not match the bytes of tables.csv"))
        #expect(v.stdout.contains("FAILED extra.txt: files of the bundle: not part of the bundle (added)"))
        #expect(v.stdout.contains("FAILED tables.csv: shows exactly the values of tables.json: line "))
        #expect(v.stdout.contains("NOT VERIFIED — 4 of 35 checks failed"), "\(v.stdout)")
        let json = CLI.run("verify", bundle, e.out + "/greta-2023", "--public-key", CLI.examplePublicKey, "--json")
        #expect(json.status == 1)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(results.map { $0["passed"] as? Bool } == [false, true])
        #expect((results[0]["checks"] as? [[String: Any]])?.filter { !($0["failure"] is NSNull) }.count == 4)
        // An unsigned bundle does not verify; a malformed public key is a configuration error.
        let unsigned = CLI.temporaryDirectory() + "/u"
        #expect(CLI.run("export", "--in", CLI.fixtures + "/good", "--pseudonymisation-key", CLI.exampleKey, "--recipient", "greta",
                        "--period", "2023", "--country", "AZE", "--unsigned", "--out", unsigned).status == 0)
        let u = CLI.run("verify", unsigned + "/greta-2023", "--public-key", CLI.examplePublicKey)
        #expect(u.status == 1 && u.stdout.contains("the bundle is not signed (written with --unsigned)"), "\(u.stdout)")
        let badKey = CLI.run("verify", bundle, "--public-key", "RWQnotakey")
        #expect(badKey.status == 78 && badKey.stderr.contains("not a minisign public key"), "\(badKey.stderr)")
    }

    /// Killed at any moment, an export leaves no bundle directory or complete, verifying bundles;
    /// with --force over earlier bundles, the old or the new ones, never a mixture or nothing.
    @Test func aKilledExportLeavesNothingOrCompleteBundles() throws {
        let arguments = ["export", "--in", CLI.fixtures + "/good", "--pseudonymisation-key", CLI.exampleKey, "--recipient", "greta",
                         "--recipient", "unodc", "--period", "2023", "--country", "AZE", "--signing-key", CLI.exampleSigningKey]
        var outcomes: [Bool: Int] = [:]
        for replacing in [false, true] {
            for step in 0..<12 {
                let out = CLI.temporaryDirectory() + "/bundles"
                if replacing { #expect(CLI.execute(CLI.binary, arguments + ["--out", out]).status == 0) }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = arguments + ["--out", out] + (replacing ? ["--force"] : [])
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(UInt32(step) * 50_000)  // 0 to 0.55 s: from start-up to after the end
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let exists = FileManager.default.fileExists(atPath: out)
                #expect(exists || !replacing, "step \(step): the earlier bundles are gone")
                if exists {
                    let v = CLI.run("verify", out + "/greta-2023", out + "/unodc-2023", "--public-key", CLI.examplePublicKey)
                    #expect(v.status == 0, "step \(step): \(v.stdout)")
                }
                outcomes[exists, default: 0] += 1
            }
        }
        #expect(outcomes[true, default: 0] > 0)
    }
}
