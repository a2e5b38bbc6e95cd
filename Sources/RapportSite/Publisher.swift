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
    /// The folders of the staging tree made so far, open, with the same folders of the
    /// output when they exist (pages are written from two threads).
    private let folders = FolderHandles()

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
        let (target, previous) = try entries(of: route)
        if let previous {
            let count = parts.reduce(0) { $0 + $1.utf8.count }
            let kept = FileTree.linkIfSame(previous, to: target, count: count) { same in
                for var part in parts where !part.withUTF8({ same(UnsafeRawBufferPointer($0)) }) { return false }
                return true
            }
            if kept { return }
        }
        try FileTree.write(parts: parts, to: target)
    }

    /// Writes one file of the build, making its folders.
    func write(_ bytes: some Collection<UInt8>, to route: String) throws {
        let (target, previous) = try entries(of: route)
        if let previous {
            let kept = bytes.withContiguousStorageIfAvailable { buffer in
                FileTree.linkIfSame(previous, to: target, count: buffer.count) { same in same(UnsafeRawBufferPointer(buffer)) }
            }
            if kept == true { return }
        }
        try FileTree.write(bytes, to: target)
    }

    /// Where `route` goes in the staging tree (its folder made), and where the previous
    /// build kept it, when that folder exists and unchanged files are kept.
    private func entries(of route: String) throws -> (target: FileTree.Entry, previous: FileTree.Entry?) {
        let slash = route.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(route[..<$0]) } ?? ""
        let name = slash.map { String(route[route.utf8.index(after: $0)...]) } ?? route
        let handles = try folders.handles(of: folder, staging: staging, output: keepsUnchanged ? output : nil)
        let target = FileTree.Entry(folder: handles.staging, name: name, path: staging + "/" + route)
        guard handles.output >= 0 else { return (target, nil) }
        return (target, FileTree.Entry(folder: handles.output, name: name, path: output + "/" + route))
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

/// The folders a build writes into, each opened once: a file is then written, compared
/// and linked by its name in an open folder, and the kernel no longer looks up every folder
/// from the root for each of thousands of files. Shared by the threads that write pages;
/// closed when the publisher is done with them.
private final class FolderHandles: Sendable {
    struct Handles {
        /// The folder in the staging tree.
        let staging: Int32
        /// The same folder in the output, or -1 when the output has none (or it is not a
        /// folder, or unchanged files are not kept).
        let output: Int32
    }

    private let table = Mutex([String: Handles]())

    deinit {
        table.withLock { folders in
            for handles in folders.values {
                close(handles.staging)
                if handles.output >= 0 { close(handles.output) }
            }
        }
    }

    /// The handles of `folder` (relative; "" for the top), making it and its parents in
    /// the staging tree. Folders of the output are opened one name at a time, never
    /// following a symbolic link: a link in the old output is not a folder of it.
    func handles(of folder: String, staging: String, output: String?) throws -> Handles {
        try table.withLock { folders in try Self.handles(of: folder, in: &folders, staging: staging, output: output) }
    }

    private static func handles(of folder: String, in folders: inout [String: Handles], staging: String, output: String?) throws -> Handles {
        if let known = folders[folder] { return known }
        let made: Handles
        if folder.isEmpty {
            let top = Glibc.open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard top >= 0 else { throw FileError("cannot open folder \(staging): \(FileTree.errorText())") }
            made = Handles(staging: top, output: output.map { Glibc.open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } ?? -1)
        } else {
            let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/"))
            let parent = try handles(of: slash.map { String(folder[..<$0]) } ?? "", in: &folders, staging: staging, output: output)
            let name = slash.map { String(folder[folder.utf8.index(after: $0)...]) } ?? folder
            let path = staging + "/" + folder
            if mkdirat(parent.staging, name, 0o755) != 0 && errno != EEXIST {
                throw FileError("cannot create folder \(path): \(FileTree.errorText())")
            }
            let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
            let own = openat(parent.staging, name, flags)
            guard own >= 0 else { throw FileError("cannot open folder \(path): \(FileTree.errorText())") }
            made = Handles(staging: own, output: parent.output >= 0 ? openat(parent.output, name, flags) : -1)
        }
        folders[folder] = made
        return made
    }
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
