#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files of a content folder, found with plain POSIX calls (much faster than
/// FileManager's enumerator on Linux).
public struct ContentListing: Sendable {
    /// Paths of Markdown notes relative to the content folder, sorted.
    public var notes: [String] = []
    /// Paths of CSV files relative to the content folder, sorted.
    public var csvFiles: [String] = []
    /// True when `portal.yaml` exists.
    public var hasPortalFile = false
    public var diagnostics: [Diagnostic] = []
}

/// Lists and reads the files of a content folder.
public enum ContentScanner {
    /// Walks `root` (hidden files and folders skipped). Symbolic links are errors: a note
    /// must be a regular file inside the content folder.
    public static func list(root: String, displayRoot: String) -> ContentListing {
        var listing = ContentListing()
        walk(root: root, relative: "", displayRoot: displayRoot, into: &listing)
        listing.notes.sort()
        listing.csvFiles.sort()
        return listing
    }

    private static func walk(root: String, relative: String, displayRoot: String, into listing: inout ContentListing) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let handle = opendir(directory) else {
            listing.diagnostics.append(.error(join(displayRoot, relative), 1, 1, "cannot read folder"))
            return
        }
        var names: [(String, UInt8)] = []
        while let entry = readdir(handle) {
            let name = entryName(entry)
            if name.hasPrefix(".") { continue }
            names.append((name, entry.pointee.d_type))
        }
        closedir(handle)
        names.sort { $0.0 < $1.0 }
        for (name, rawType) in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            var type = rawType
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                if lstat(root + "/" + path, &info) == 0 {
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFLNK: type = UInt8(DT_LNK)
                    case S_IFREG: type = UInt8(DT_REG)
                    default: break
                    }
                }
            }
            switch type {
            case UInt8(DT_DIR):
                walk(root: root, relative: path, displayRoot: displayRoot, into: &listing)
            case UInt8(DT_LNK):
                listing.diagnostics.append(
                    .error(join(displayRoot, path), 1, 1, "symbolic link: notes must be regular files inside the content folder"))
            case UInt8(DT_REG):
                if path == "portal.yaml" {
                    listing.hasPortalFile = true
                } else if name.hasSuffix(".md") {
                    listing.notes.append(path)
                } else if name.hasSuffix(".csv") {
                    listing.csvFiles.append(path)
                }
            default:
                // A pipe, socket or device named like content: reading a pipe would wait
                // forever, so it is reported rather than read (or silently skipped).
                if path == "portal.yaml" || name.hasSuffix(".md") || name.hasSuffix(".csv") {
                    listing.diagnostics.append(
                        .error(join(displayRoot, path), 1, 1, "not a regular file (a pipe, socket or device): notes must be regular files"))
                }
            }
        }
    }

    /// The name of a directory entry from `readdir`. Read in place: `entry.pointee.d_name`
    /// copies all 256 bytes of the field, but glibc allocates an entry only as long as its
    /// name (AddressSanitizer reported the read past its end).
    public static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
    }

    /// Reads a whole regular file; nil when it cannot be opened or read.
    public static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + done, size - done)
            }
            if count < 0 { return nil }
            if count == 0 { break }
            done += count
        }
        if done < size { bytes.removeLast(size - done) }
        return bytes
    }

    /// Joins a display root and a relative path.
    public static func join(_ root: String, _ relative: String) -> String {
        if relative.isEmpty { return root }
        if root.isEmpty || root == "." { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}
