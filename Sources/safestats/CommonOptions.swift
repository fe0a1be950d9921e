import ArgumentParser
import Foundation

/// `--json`: machine-readable output on stdout instead of text.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON on standard output.")
    var json = false
}

/// `--out` and `--force`: the directory a command creates, replaced only when asked.
struct OutputDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("out"), help: ArgumentHelp("Output directory to create.", valueName: "dir"), completion: .directory)
    var path: String

    @Flag(help: "Replace the output directory if it exists.")
    var force = false
}

/// A key file and, when it is encrypted, the environment variable with its passphrase.
struct KeyOptions: ParsableArguments {
    @Option(name: .customLong("key"), help: ArgumentHelp("Pseudonymisation key file (mode 0600).", valueName: "file"), completion: .file())
    var keyPath: String

    @Option(name: .customLong("passphrase-env"), help: ArgumentHelp("Environment variable holding the key file's passphrase.", valueName: "variable"), completion: .list(["SAFESTATS_PASSPHRASE", "SAFESTATS_SIGNING_PASSPHRASE"]))
    var passphraseVariable: String?
}

/// `--threads`: how many parts of a large file are read at once.
struct ThreadOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Threads for large files (default: the number of processors).", valueName: "n"))
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 || threads > 64 { throw ValidationError("--threads must be from 1 to 64") }
    }

    var parallelism: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
