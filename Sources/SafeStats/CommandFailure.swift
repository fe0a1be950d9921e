/// What a command says and how it exits when a step of the library fails: the message (never a
/// value of a record: the errors' own descriptions hold none) and the documented exit status.
public struct CommandFailure: Sendable, Equatable {
    public let status: ExitStatus
    public let message: String

    /// The failure `error` stands for. An error of no known kind is a bug (or the solver failing in
    /// a way it should not): `internalError` (70), never 1, which says that verification failed.
    public init(_ error: any Error) {
        switch error {
        case let e as KeyFileError: self.init(e.exitStatus, e.description)
        case let e as InputError: self.init(.ioError, e.description)
        case let e as OutputError: self.init(.ioError, e.description)
        case let e as PseudonymisationError:
            switch e {
            case .invalidInput(let count): self.init(.dataError, "the input is invalid (\(count) problem\(count == 1 ? "" : "s")); nothing was written")
            case .input(let inner): self.init(inner)
            case .output(let inner): self.init(inner)
            }
        case let e as TableDeclarations.Problem: self.init(.configuration, e.description)
        case ProtectedRelease.Failure.suppression(.solver(let message)): self.init(.internalError, "internal error (please report it): the LP solver failed: \(message)")
        case let e as ProtectedRelease.Failure: self.init(.verificationFailed, e.description)
        case let e as ExportFailure:
            switch e {
            case .profile(let p): self.init(p)
            case .protection(let f): self.init(f)
            case .keep(let message): self.init(.usage, message)
            case .certificate: self.init(.internalError, "internal error (please report it): \(e.description)")
            }
        case let e as PublishedRelease.Problem: self.init(.dataError, e.description)
        case let e as RecordExtract.Failure: self.init(.dataError, e.description)
        case let e as JobFailure: self.init(e.exitStatus, e.description)
        default: self.init(.internalError, "internal error (please report it): \(String(describing: type(of: error)))")
        }
    }

    private init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}
