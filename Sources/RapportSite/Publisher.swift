import RapportCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a build into a staging folder beside the output folder and swaps it in only
/// when everything succeeded, so a failed build leaves the output exactly as it was.
///
/// A file the output folder already holds with the same bytes is linked into the staging
/// folder (a hard link) instead of written again: an unchanged page stays the same file,
/// with its modification time, which tools that copy a site by date and size (rsync)
/// skip. Neither file is ever written to once linked: each route is written once, and a
/// page that changed is a new file.
struct Publisher {
    let output: String
    let staging: String
    private let backup: String
    /// Whether the output folder exists (`checkTarget` makes sure it holds an earlier
    /// build), so that its unchanged files can be kept.
    private let keepsUnchanged: Bool
    /// Folders of the staging tree made so far, so that a page in a known folder costs no
    /// `stat` (pages are written from two threads).
    private let folders = FolderSet()

    init(output: String) {
        var trimmed = output
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.output = trimmed
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let name = String(parts.last ?? "output")
        let parent = parts.dropLast().joined(separator: "/")
        let prefix = parts.count > 1 ? (parent.isEmpty ? "/" : parent + "/") : ""
        staging = "\(prefix).\(name).rapport-staging"
        backup = "\(prefix).\(name).rapport-previous"
        keepsUnchanged = FileTree.isDirectory(trimmed)
    }

    /// Refuses an output folder that holds something other than an earlier build, so a
    /// mistyped `--out` never replaces a folder of the user's.
    func checkTarget(protecting folders: [String]) throws {
        let target = FileTree.absolute(output)
        for folder in folders {
            let protected = FileTree.absolute(folder)
            if target == protected || protected.hasPrefix(target == "/" ? "/" : target + "/") {
                throw FileError("--out \(output) would replace \(folder): choose another output folder")
            }
        }
        guard FileTree.exists(output) else { return }
        guard FileTree.isDirectory(output) else { throw FileError("--out \(output) is a file, not a folder") }
        let visible = FileTree.entries(of: output).filter { !$0.hasPrefix(".") }
        if !visible.isEmpty && !FileTree.exists(output + "/api/kpis.json") {
            throw FileError("--out \(output) holds files that Rapport did not write: empty it or choose another output folder")
        }
    }

    /// Starts a fresh staging folder.
    func begin() throws {
        FileTree.remove(staging)
        FileTree.remove(backup)
        try FileTree.makeDirectories(staging)
    }

    /// Writes one file of the build from its parts, making its folders.
    func write(parts: [String], to route: String) throws {
        if parts.count == 1 { return try write(parts[0].utf8, to: route) }
        try makeFolder(of: route)
        let path = staging + "/" + route
        if keepsUnchanged {
            let count = parts.reduce(0) { $0 + $1.utf8.count }
            let kept = FileTree.linkIfSame(output + "/" + route, to: path, count: count) { same in
                for var part in parts where !part.withUTF8({ same(UnsafeRawBufferPointer($0)) }) { return false }
                return true
            }
            if kept { return }
        }
        try FileTree.write(parts: parts, to: path)
    }

    /// Writes one file of the build, making its folders.
    func write(_ bytes: some Collection<UInt8>, to route: String) throws {
        try makeFolder(of: route)
        let path = staging + "/" + route
        if keepsUnchanged {
            let kept = bytes.withContiguousStorageIfAvailable { buffer in
                FileTree.linkIfSame(output + "/" + route, to: path, count: buffer.count) { same in same(UnsafeRawBufferPointer(buffer)) }
            }
            if kept == true { return }
        }
        try FileTree.write(bytes, to: path)
    }

    private func makeFolder(of route: String) throws {
        let path = staging + "/" + route
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let folder = String(path[..<slash])
            if !folders.contains(folder) {
                try FileTree.makeDirectories(folder)
                folders.insert(folder)
            }
        }
    }

    /// Swaps the staging folder in. Hidden entries at the top of the old output (such as
    /// `.gitkeep` or a deployment's `.git`) are carried over.
    func commit() throws {
        if FileTree.isDirectory(output) {
            for name in FileTree.entries(of: output) where name.hasPrefix(".") {
                try FileTree.rename(output + "/" + name, staging + "/" + name)
            }
            try FileTree.rename(output, backup)
            do {
                try FileTree.rename(staging, output)
            } catch {
                try? FileTree.rename(backup, output)
                throw error
            }
            // The previous build goes last, one top-level folder per thread: removing
            // thousands of files is most of the publishing time.
            let entries = FileTree.entries(of: backup)
            _ = parallelMap(entries) { FileTree.remove(backup + "/" + $0) }
            FileTree.remove(backup)
        } else {
            try FileTree.rename(staging, output)
        }
    }

    /// Throws the staging folder away; the output folder is untouched.
    func abandon() {
        FileTree.remove(staging)
    }
}

/// A set of paths shared by the threads that write pages.
private final class FolderSet: Sendable {
    private let paths = Mutex(Set<String>())

    func contains(_ path: String) -> Bool { paths.withLock { $0.contains(path) } }
    func insert(_ path: String) { _ = paths.withLock { $0.insert(path) } }
}

extension FileTree {
    /// An absolute, normalised form of `path` (no symbolic links resolved).
    static func absolute(_ path: String) -> String {
        var parts: [Substring] = []
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "/"
            full = cwd + "/" + path
        }
        for part in full.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
