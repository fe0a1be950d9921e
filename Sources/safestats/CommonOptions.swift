import ArgumentParser

/// `--json`: machine-readable output on stdout instead of text.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON on standard output.")
    var json = false
}

/// A key file and, when it is encrypted, the environment variable with its passphrase.
struct KeyOptions: ParsableArguments {
    @Option(name: .customLong("key"), help: "Pseudonymisation key file (mode 0600).")
    var keyPath: String

    @Option(name: .customLong("passphrase-env"), help: "Environment variable holding the key file's passphrase.")
    var passphraseVariable: String?
}
