import RapportCore

/// What `rapport check` found, and what it means for a content repository's CI: the job
/// fails (exit status 1) on any error, and with `strict` on any warning too; otherwise it
/// passes (0). The command line only prints the report and exits with its status.
public struct CheckReport: Sendable {
    /// Every diagnostic, sorted and without repeats.
    public let diagnostics: [Diagnostic]
    /// Warnings count as errors.
    public let strict: Bool

    public init(diagnostics: [Diagnostic], strict: Bool) {
        self.diagnostics = Diagnostic.sorted(diagnostics)
        self.strict = strict
    }

    /// Checks the content and templates of `options` as builds will see them: the shared
    /// build, which goes to the other company (a link to an internal note, or a QBR citing
    /// an internal KPI, only fails there), and the internal build with drafts, so that
    /// every note is valid before it is shared. Writes nothing.
    public static func run(_ options: BuildOptions, strict: Bool) -> CheckReport {
        var shared = options
        shared.includeInternal = false
        shared.includeDrafts = false
        var everything = options
        everything.includeInternal = true
        everything.includeDrafts = true
        return CheckReport(diagnostics: SiteBuilder.check(shared) + SiteBuilder.check(everything), strict: strict)
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// True when CI should fail.
    public var failed: Bool { errorCount > 0 || (strict && warningCount > 0) }

    /// 1 when the check failed, else 0.
    public var exitStatus: Int32 { failed ? 1 : 0 }

    /// `3 errors, 1 warning`.
    public var summary: String {
        "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")"
    }

    /// The diagnostics for tools: a JSON array with one object per diagnostic, keys in a
    /// fixed order (`path`, `line`, `column`, `severity`, `message`), `[]` when there are
    /// none. Every string is escaped, control characters included, so a file name or
    /// message never breaks the document.
    public var json: String {
        let items = diagnostics.map { diagnostic in
            JSONWriter.object([
                ("path", .string(diagnostic.path)), ("line", .int(diagnostic.line)),
                ("column", .int(diagnostic.column)), ("severity", .string(diagnostic.severity.rawValue)),
                ("message", .string(diagnostic.message)),
            ])
        }
        return JSONWriter.array(items) + "\n"
    }
}
