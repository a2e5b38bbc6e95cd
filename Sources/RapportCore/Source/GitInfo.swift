import Foundation

/// When a file of the content folder last changed in git, and who changed it.
public struct Revision: Sendable, Equatable {
    /// The author date of the last commit that touched the file, as the author's own
    /// calendar day (the offset recorded in the commit, no conversion).
    public let date: Day
    /// The author name recorded in that commit.
    public let author: String

    public init(date: Day, author: String) {
        self.date = date
        self.author = author
    }
}

/// The last change of every file of a content folder that git knows, read in one pass.
public struct GitHistory: Sendable {
    /// Revisions by path relative to the content folder (the same form as `Note.path`).
    public let revisions: [String: Revision]
    /// At most one warning (a shallow clone, or git failing on a repository).
    public let diagnostics: [Diagnostic]

    public init(revisions: [String: Revision] = [:], diagnostics: [Diagnostic] = []) {
        self.revisions = revisions
        self.diagnostics = diagnostics
    }

    public static let empty = GitHistory()

    public func revision(of path: String) -> Revision? { revisions[path] }
}

/// Reads git history for the scan stage: one `git log` over the whole content folder,
/// never a process per file. A folder outside any repository (or a machine without git)
/// simply has no history. A shallow clone would attribute every file to its oldest
/// commit, so its history is left out, with one warning, rather than invented.
public enum GitInfo {
    /// The history of `contentRoot`; diagnostics name `displayRoot`.
    public static func read(contentRoot: String, displayRoot: String? = nil) -> GitHistory {
        let display = displayRoot ?? contentRoot
        // Outside any repository there is nothing to read: seen without starting git (which
        // takes 4-7 ms of the one busy core), unless GIT_DIR points git somewhere else.
        if gitDirectory(containing: contentRoot) == nil && ProcessInfo.processInfo.environment["GIT_DIR"] == nil {
            return .empty
        }
        guard let shallow = run(["-C", contentRoot, "rev-parse", "--is-shallow-repository"]),
            shallow.status == 0
        else { return .empty }
        if String(decoding: shallow.output, as: UTF8.self).trimmingSpaces == "true" {
            return GitHistory(diagnostics: [
                .warning(
                    display, 1, 1,
                    "the content folder is in a shallow git clone: pages show no last-changed dates "
                        + "(fetch the full history with 'git fetch --unshallow' to get them)")
            ])
        }
        let arguments = [
            "-C", contentRoot, "-c", "core.quotepath=off", "-c", "log.showSignature=false",
            "log", "--no-color", "--format=%x1e%aI%x09%an", "--name-only", "--relative", "-z", "--", ".",
        ]
        guard let log = run(arguments), log.status == 0 else {
            return GitHistory(diagnostics: [
                .warning(display, 1, 1, "'git log' failed on the content folder: pages show no last-changed dates")
            ])
        }
        return GitHistory(revisions: parse(log.output))
    }

    /// What identifies the state of the repository holding `contentRoot`, read without
    /// running git: the signatures of HEAD, its reflog, the branch it points to and the
    /// packed refs. A commit, checkout or fetch changes one of them; an edit does not.
    /// Empty when the folder is in no repository (until one appears); nil when the
    /// repository is laid out in a way this does not know: then the history has to be read
    /// again every time.
    public static func stateSignature(contentRoot: String) -> [FileSignature?]? {
        guard let gitDirectory = gitDirectory(containing: contentRoot) else { return [] }
        var common = gitDirectory
        if let bytes = ContentScanner.read(gitDirectory + "/commondir") {
            let relative = String(decoding: bytes, as: UTF8.self).trimmingSpaces
            common = relative.hasPrefix("/") ? relative : gitDirectory + "/" + relative
        }
        guard let head = ContentScanner.read(gitDirectory + "/HEAD") else { return nil }
        var files = [gitDirectory + "/HEAD", gitDirectory + "/logs/HEAD", common + "/packed-refs", gitDirectory + "/shallow"]
        let headText = String(decoding: head, as: UTF8.self).trimmingSpaces
        if headText.hasPrefix("ref: ") { files.append(common + "/" + String(headText.dropFirst(5)).trimmingSpaces) }
        return files.map(FileSignature.of)
    }

    /// The `.git` folder of the repository `path` is in: the nearest `.git` up the tree
    /// (a folder, or a file naming one as worktrees and submodules have). Nil when there
    /// is none up to the root.
    private static func gitDirectory(containing path: String) -> String? {
        var folder = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        while true {
            let candidate = folder + "/.git"
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder) {
                if isFolder.boolValue { return candidate }
                // A `.git` this does not understand: its HEAD cannot be read, so the history
                // is read again every time.
                guard let bytes = ContentScanner.read(candidate) else { return candidate }
                let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces
                guard text.hasPrefix("gitdir: ") else { return candidate }
                let target = String(text.dropFirst(8)).trimmingSpaces
                return target.hasPrefix("/") ? target : folder + "/" + target
            }
            guard let slash = folder.lastIndex(of: "/"), slash != folder.startIndex else { return nil }
            folder = String(folder[..<slash])
        }
    }

    /// Parses `git log --format=%x1e%aI%x09%an --name-only -z` output, newest commit
    /// first: the first commit that names a path is the path's last change.
    public static func parse(_ output: [UInt8]) -> [String: Revision] {
        var revisions: [String: Revision] = [:]
        for record in output.split(separator: 0x1E, omittingEmptySubsequences: true) {
            let fields = record.split(separator: 0, omittingEmptySubsequences: false)
            guard let header = fields.first, let tab = header.firstIndex(of: 0x09) else { continue }
            let dateText = String(decoding: header[header.startIndex..<tab].prefix(10), as: UTF8.self)
            guard let date = Day(dateText) else { continue }
            let author = String(decoding: header[(tab + 1)...], as: UTF8.self)
            let revision = Revision(date: date, author: author)
            for rawPath in fields.dropFirst() {
                // Git puts a newline between a commit's header and its file names.
                var path = rawPath
                while let first = path.first, first == 0x0A { path = path.dropFirst() }
                guard !path.isEmpty else { continue }
                let name = String(decoding: path, as: UTF8.self)
                if revisions[name] == nil { revisions[name] = revision }
            }
        }
        return revisions
    }

    /// Runs git with `arguments`; nil when git cannot be started.
    private static func run(_ arguments: [String]) -> (status: Int32, output: [UInt8])? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        // No pager, no prompts, no optional locks: this is a read-only, unattended query.
        environment["GIT_PAGER"] = "cat"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        // Read to the end before waiting, so a long history cannot fill the pipe and stall git.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](data))
    }
}
