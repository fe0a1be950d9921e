import ArgumentParser
import SafeStats
import Foundation

/// Messages to standard error; results go to standard output.
enum Console {
    static func error(_ message: String) {
        FileHandleOutput.stderr("safestats: " + message + "\n")
    }

    static func note(_ message: String) {
        FileHandleOutput.stderr(message + "\n")
    }

    /// Says how many files of an input directory are not input and ignored (never their names).
    static func ignored(_ directory: InputDirectory) {
        guard directory.ignored > 0 else { return }
        note("note: \(directory.path) holds \(directory.ignored) other file\(directory.ignored == 1 ? "" : "s") (not victims, cases or offenders .csv or .jsonl): ignored")
    }
}

enum FileHandleOutput {
    static func stderr(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}

/// Prints a library error and turns it into the documented exit status (see `CommandFailure`).
func statusFor(_ error: any Error) -> ExitCode {
    let failure = CommandFailure(error)
    Console.error(failure.message)
    return ExitCode(failure.status.rawValue)
}

/// Reads the pseudonymisation key named by the options.
func loadKey(_ options: KeyOptions) throws -> PseudonymisationKey {
    try loadKey(options.keyPath, passphraseVariable: options.passphraseVariable)
}

/// Reads the pseudonymisation key in `path`, sealed under the passphrase in `passphraseVariable`.
func loadKey(_ path: String, passphraseVariable: String?) throws -> PseudonymisationKey {
    do {
        let passphrase = try passphraseVariable.map(Passphrase.fromEnvironment)
        let key = try PseudonymisationKey.read(from: path, passphrase: passphrase)
        if key.isExample {
            Console.note("WARNING: \(path) is an EXAMPLE key (published with safestats); its pseudonyms protect nothing. Use it only for demos and tests.")
        }
        return key
    } catch {
        throw statusFor(error)
    }
}
