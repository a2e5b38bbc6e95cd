/// How bad a problem with content is: errors fail the build, warnings are printed.
public enum Severity: String, Sendable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// One problem with content, where it happened and what it is. Every stage reports
/// problems as diagnostics; the command line prints them as `path:line:column: error: message`.
public struct Diagnostic: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file's path as the user gave it (the content folder joined with the note's path).
    public var path: String
    /// 1-based line in the file.
    public var line: Int
    /// 1-based column in the line.
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(path: String, line: Int = 1, column: Int = 1, severity: Severity = .error, message: String) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.severity = severity
        self.message = message
    }

    public static func error(_ path: String, _ line: Int = 1, _ column: Int = 1, _ message: String) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .error, message: message)
    }

    public static func warning(_ path: String, _ line: Int = 1, _ column: Int = 1, _ message: String) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .warning, message: message)
    }

    /// The form editors and CI annotate: `path:line:column: error: message`, on one line.
    /// Control characters from content (a line break in a value, an escape sequence that
    /// would rewrite a terminal or a CI log) are shown as `\u{1B}`, never sent as they are.
    public var description: String {
        "\(Diagnostic.visible(path)):\(line):\(column): \(severity.rawValue): \(Diagnostic.visible(message))"
    }

    /// `text` with each control character written as `\u{…}`.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// Diagnostics in a stable order: by file, line, column, then message.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        Array(Set(diagnostics)).sorted {
            ($0.path, $0.line, $0.column, $0.message) < ($1.path, $1.line, $1.column, $1.message)
        }
    }
}

/// Collects diagnostics while a stage runs.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public mutating func append(contentsOf more: [Diagnostic]) { diagnostics.append(contentsOf: more) }
    public mutating func error(_ path: String, _ line: Int = 1, _ column: Int = 1, _ message: String) {
        diagnostics.append(.error(path, line, column, message))
    }
    public mutating func warning(_ path: String, _ line: Int = 1, _ column: Int = 1, _ message: String) {
        diagnostics.append(.warning(path, line, column, message))
    }
}

/// Thrown when a build cannot go on; carries every diagnostic found so far.
public struct BuildFailure: Error, Sendable {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = Diagnostic.sorted(diagnostics) }
}
