import Foundation

/// A thread of its own for linear programs, with a state made, used and freed on it: GLPK keeps
/// the memory of each thread apart, so a program must be made, solved and freed on one thread.
///
/// `start` hands the state to a piece of work on that thread; `wait` waits for it to end. The
/// state is freed, with all GLPK memory of the thread, when the `SolverThread` is.
final class SolverThread<State>: @unchecked Sendable {
    private let mailbox: Mailbox

    /// A thread whose state `make` makes on it; `make`'s error is thrown here. `make` is released
    /// on the new thread: it must hold no program of another thread.
    init(making make: @escaping () throws(DisclosureAudit.Failure) -> State) throws(DisclosureAudit.Failure) {
        let mailbox = Mailbox()
        self.mailbox = mailbox
        var failure: DisclosureAudit.Failure?
        let start = UnsafeSendable {
            mailbox.serve { () -> Any? in
                do throws(DisclosureAudit.Failure) { return try make() } catch {
                    failure = error
                    return nil
                }
            }
        }
        Thread { start.value() }.start()
        mailbox.waitForIdle()
        if let failure {
            mailbox.end()
            throw failure
        }
    }

    deinit {
        mailbox.end()
    }

    /// Runs `work` with the thread's state on the thread; one piece at a time.
    func start(_ work: @escaping (State) -> Void) {
        mailbox.post { state in work(state as! State) }
    }

    /// Waits until the work started has ended.
    func wait() {
        mailbox.waitForIdle()
    }

    /// Whether the work started has ended.
    var isIdle: Bool { mailbox.isIdle }

    /// The work handed over is kept here until the next is, or the thread ends, and only then
    /// released, on the thread that hands work over: what it holds (a program of that thread,
    /// say) is freed there.
    private final class Mailbox: @unchecked Sendable {
        private let condition = NSCondition()
        private var work: ((Any) -> Void)?
        /// Work handed over and not started.
        private var pending = false
        private var busy = true  // until the state is made
        private var ending = false
        private var ended = false

        /// The thread's loop: runs the work posted until `end`, then frees the state and the
        /// thread's GLPK memory.
        func serve(_ make: () -> Any?) {
            var state = make()
            condition.lock()
            busy = false
            condition.broadcast()
            while true {
                while !pending && !ending { condition.wait() }
                guard pending, let made = state else { break }
                pending = false
                do {
                    let next = work!
                    condition.unlock()
                    next(made)
                }
                condition.lock()
                busy = false
                condition.broadcast()
            }
            condition.unlock()
            state = nil
            LinearProgram.freeThreadMemory()
            condition.lock()
            ended = true
            condition.broadcast()
            condition.unlock()
        }

        func post(_ next: @escaping (Any) -> Void) {
            condition.lock()
            precondition(!busy && !ending, "one piece of work at a time")
            work = next
            pending = true
            busy = true
            condition.broadcast()
            condition.unlock()
        }

        func waitForIdle() {
            condition.lock()
            while busy && !ended { condition.wait() }
            condition.unlock()
        }

        var isIdle: Bool {
            condition.lock()
            defer { condition.unlock() }
            return !busy
        }

        func end() {
            condition.lock()
            ending = true
            condition.broadcast()
            while !ended { condition.wait() }
            let last = work
            work = nil
            condition.unlock()
            _ = last
        }
    }
}
