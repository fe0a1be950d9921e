import Foundation
import Testing

/// Progress of long steps appears on a terminal (a pseudo-terminal made by Python's `pty`), and
/// never in a pipe or with `--json`.
@Suite struct ProgressTests {
    /// Runs safestats with `arguments` on a pseudo-terminal; what the terminal showed.
    private func onTerminal(_ arguments: [String]) -> (status: Int32, shown: String) {
        let script = """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            out = b""
            while True:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let r = CLI.execute("/usr/bin/env", ["python3", "-c", script, CLI.binary] + arguments)
        return (r.status, r.stdout)
    }

    @Test func longStepsShowProgressOnATerminalOnly() throws {
        let input = ExportCommandTests.prepared.pseudonymised
        let dir = CLI.temporaryDirectory()
        let export = ["export", "--in", input, "--recipient", "unodc", "--period", "2023", "--country", "AZE", "--unsigned"]
        let shown = onTerminal(export + ["--out", dir + "/a"])
        #expect(shown.status == 0, "\(shown.shown)")
        for line in ["reading \(input) (", "reading \(input) (", "protecting the tables of 1 recipient together …",
                     "protecting: round 1,", "protecting the tables of 1 recipient together: done in ", "writing and signing 1 bundle: done in "] {
            #expect(shown.shown.contains(line), "\(line) in \(shown.shown)")
        }
        let json = onTerminal(export + ["--out", dir + "/b", "--json"])
        #expect(json.status == 0 && !json.shown.contains("protecting") && !json.shown.contains("reading"), "\(json.shown)")
        let piped = CLI.run(export + ["--out", dir + "/c"])
        #expect(piped.status == 0 && !piped.stderr.contains("protecting") && !piped.stderr.contains(" …"), "\(piped.stderr)")
        let validate = onTerminal(["validate", CLI.fixtures + "/good"])
        #expect(validate.status == 0 && validate.shown.contains("reading and checking \(CLI.fixtures)/good (") && validate.shown.contains("done in "))
    }
}
