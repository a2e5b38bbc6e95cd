import RapportCore

#if canImport(Glibc)
    import Glibc
#endif

/// Small POSIX helpers for the output side: listing, creating, removing and renaming.
enum FileTree {
    /// Regular files under `root`, relative to it, sorted; hidden entries skipped.
    static func files(under root: String) -> [String] {
        var out: [String] = []
        collect(root, "", into: &out)
        return out.sorted()
    }

    private static func collect(_ root: String, _ relative: String, into out: inout [String]) {
        guard let handle = opendir(relative.isEmpty ? root : root + "/" + relative) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = ContentScanner.entryName(entry)
            if name.hasPrefix(".") { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: collect(root, path, into: &out)
            case S_IFREG: out.append(path)
            default: break
            }
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws {
        if path.isEmpty || isDirectory(path) { return }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw FileError("cannot create folder \(path): \(errorText())") }
    }

    /// A file named by the open folder it is in and its name there, as the `*at` calls
    /// take it: the kernel looks up one name, not every folder from the root again. `path`
    /// names it in messages.
    struct Entry {
        let folder: Int32
        let name: String
        let path: String
    }

    /// Writes `bytes` to `entry`, replacing any file there.
    static func write(_ bytes: some Collection<UInt8>, to entry: Entry) throws {
        let path = entry.path
        let fd = openat(entry.folder, entry.name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError("cannot write \(path): \(errorText())") }
        defer { close(fd) }
        // A string's UTF-8 view or an array is written in place; anything else is copied once.
        let written: Void? = try bytes.withContiguousStorageIfAvailable { try writeAll($0, to: fd, path: path) }
        if written == nil { try Array(bytes).withUnsafeBufferPointer { try writeAll($0, to: fd, path: path) } }
    }

    /// Links the regular file `existing` to the new name `entry` when it holds exactly the
    /// `count` bytes that `feed` passes to its comparison, piece by piece, in order (the
    /// comparison returns false at the first difference); returns whether it linked. The
    /// file is read in blocks, never whole. A file with another name besides `existing` is
    /// not linked: the build's file must not be one that lives elsewhere too.
    static func linkIfSame(
        _ existing: Entry, to entry: Entry, count: Int,
        _ feed: (_ same: (UnsafeRawBufferPointer) -> Bool) -> Bool
    ) -> Bool {
        let fd = openat(existing.folder, existing.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, Int(info.st_size) == count
        else { return false }
        let capacity = min(max(count, 1), 1 << 16)
        let block = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { block.deallocate() }
        var filled = 0
        var compared = 0
        let same = feed { piece in
            var offset = 0
            while offset < piece.count {
                if compared == filled {
                    filled = read(fd, block, capacity)
                    compared = 0
                    guard filled > 0 else { return false }
                }
                let length = min(filled - compared, piece.count - offset)
                guard memcmp(block + compared, piece.baseAddress! + offset, length) == 0 else { return false }
                compared += length
                offset += length
            }
            return true
        }
        return same && linkat(existing.folder, existing.name, entry.folder, entry.name, 0) == 0
    }

    /// Writes `parts` one after another to `entry`, replacing any file there.
    static func write(parts: [String], to entry: Entry) throws {
        let path = entry.path
        let fd = openat(entry.folder, entry.name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError("cannot write \(path): \(errorText())") }
        defer { close(fd) }
        // A file of many small parts (a search index has two a note) is written in blocks,
        // not one system call a part.
        var block: [UInt8] = []
        block.reserveCapacity(1 << 16)
        for var part in parts {
            try part.withUTF8 { bytes in
                if block.count + bytes.count > block.capacity && !block.isEmpty {
                    try block.withUnsafeBufferPointer { try writeAll($0, to: fd, path: path) }
                    block.removeAll(keepingCapacity: true)
                }
                if bytes.count >= block.capacity { try writeAll(bytes, to: fd, path: path) } else { block.append(contentsOf: bytes) }
            }
        }
        if !block.isEmpty { try block.withUnsafeBufferPointer { try writeAll($0, to: fd, path: path) } }
    }

    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32, path: String) throws {
        var done = 0
        while done < buffer.count {
            let count = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
            guard count > 0 else { throw FileError("cannot write \(path): \(errorText())") }
            done += count
        }
    }

    /// Removes a file or a whole folder; symbolic links are removed, never followed.
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if folder >= 0 { empty(folder) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// Removes everything in the open folder `folder`, and closes it. Entries are removed
    /// relative to the folder (no path is looked up again from the root for each file),
    /// and the listing's entry types spare a `stat` per file.
    private static func empty(_ folder: Int32) {
        guard let handle = fdopendir(folder) else {
            close(folder)
            return
        }
        defer { closedir(handle) }
        var files: [String] = []
        var folders: [String] = []
        while let entry = readdir(handle) {
            let name = ContentScanner.entryName(entry)
            if name == "." || name == ".." { continue }
            var isFolder = Int(entry.pointee.d_type) == DT_DIR
            if Int(entry.pointee.d_type) == DT_UNKNOWN {
                var info = stat()
                isFolder = fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder { folders.append(name) } else { files.append(name) }
        }
        for name in files { unlinkat(folder, name, 0) }
        for name in folders {
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 { empty(child) }
            unlinkat(folder, name, AT_REMOVEDIR)
        }
    }

    static func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 { throw FileError("cannot move \(from) to \(to): \(errorText())") }
    }

    /// Names in a folder (hidden ones included), sorted.
    static func entries(of path: String) -> [String] {
        guard let handle = opendir(path) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = ContentScanner.entryName(entry)
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// A problem with the output folder (not with content).
public struct FileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
