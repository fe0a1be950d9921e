import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct SigningKeygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "signing",
            abstract: "Write a new minisign signing key pair (secret key mode 0600, and the public key).",
            usage: "safestats keygen signing --out <file> --public-out <file> [<options>]",
            discussion: """
                The key files are minisign's: `minisign -Vm FILE -P <public key>` checks what the secret key \
                signs, and keys made by `minisign -G` work with safestats too. The secret key is encrypted \
                under a passphrase with minisign's scrypt scheme (1 GiB of memory, a few seconds): from the \
                environment variable --passphrase-env names, or else asked twice on the terminal. \
                --unencrypted writes it without a passphrase (for a job whose key sits on an encrypted \
                volume). Existing files are never overwritten.

                Example (without --passphrase-env, the passphrase is asked twice on the terminal):
                  safestats keygen signing \\
                      --passphrase-env SAFESTATS_SIGNING_PASSPHRASE \\
                      --out signing.key --public-out signing.pub
                """
        )

        @Option(help: ArgumentHelp("Secret key file to create.", valueName: "file"), completion: .file())
        var out: String

        @Option(name: .customLong("public-out"), help: ArgumentHelp("Public key file to create (give it to the auditors).", valueName: "file"), completion: .file())
        var publicOut: String

        @Option(name: .customLong("passphrase-env"), help: ArgumentHelp("Environment variable holding the passphrase to encrypt the key with.", valueName: "variable"), completion: .list(["SAFESTATS_PASSPHRASE", "SAFESTATS_SIGNING_PASSPHRASE"]))
        var passphraseVariable: String?

        @Flag(help: "Write the secret key without encryption.")
        var unencrypted = false

        @Flag(help: "Mark the keys as example keys (their comments say so; their files may be world-readable).")
        var example = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if unencrypted && passphraseVariable != nil { throw ValidationError("--unencrypted and --passphrase-env exclude each other") }
        }

        func run() throws {
            do {
                let passphrase: Passphrase?
                if unencrypted {
                    passphrase = nil
                } else if let passphraseVariable {
                    passphrase = try Passphrase.fromEnvironment(passphraseVariable)
                } else {
                    guard let first = try Passphrase.prompt("Passphrase for the new signing key: ") else {
                        throw ValidationError("no terminal to ask for a passphrase: give --passphrase-env VAR (or --unencrypted)")
                    }
                    guard let again = try Passphrase.prompt("The same passphrase again: "), again.matches(first) else {
                        throw KeyFileError.passphraseNotConfirmed
                    }
                    passphrase = first
                }
                let key = SigningSecretKey.generate(example: example)
                try key.write(to: out, publicKeyPath: publicOut, passphrase: passphrase)
                if output.json {
                    print(#"{"key_file": \#(jsonString(out)), "public_key_file": \#(jsonString(publicOut)), "key_id": "\#(key.publicKey.id)", "#
                        + #""public_key": "\#(key.publicKey.base64)", "encrypted": \#(passphrase != nil), "example": \#(example)}"#)
                } else {
                    print("wrote \(out) and \(publicOut) (key id \(key.publicKey.id)\(passphrase != nil ? ", encrypted" : ", NOT encrypted")\(example ? ", EXAMPLE key" : ""))")
                    print("public key: \(key.publicKey.base64)")
                }
            } catch let error as ValidationError {
                throw error
            } catch {
                throw statusFor(error)
            }
        }
    }
}
