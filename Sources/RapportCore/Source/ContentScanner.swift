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

/// What a scan read of each folder, kept by a serve session for the next scan. Adding,
/// removing or renaming an entry changes its folder's modification time, so a folder
/// whose signature is the same holds the same entries, and is not read again. Unless it
/// had changed just before it was read: a change made after the read in the same tick of
/// the file system's clock would leave the same time, so such a folder is read again.
public struct ScanMemo: Sendable {
    struct Folder: Sendable {
        let signature: FileSignature
        /// Names and types, sorted by name, hidden entries left out.
        let entries: [(name: String, type: UInt8)]
        /// The same in the order the folder gave them (a file saved by renaming a new one
        /// over it changes the folder's time but, with the same names, not this order).
        let unsorted: [(name: String, type: UInt8)]
        let settled: Bool
    }

    /// By path relative to the content folder ("" for the folder itself).
    var folders: [String: Folder] = [:]
    /// The listing made from them; nil when a folder could not be read or stat'ed.
    var listing: ContentListing? = nil
    /// False when a folder could not be read or stat'ed: the next scan walks every folder.
    var complete = true

    public init() {}
}

/// Lists and reads the files of a content folder.
public enum ContentScanner {
    /// Walks `root` (hidden files and folders skipped). Symbolic links are errors: a note
    /// must be a regular file inside the content folder.
    public static func list(root: String, displayRoot: String) -> ContentListing {
        var memo: ScanMemo? = nil
        return list(root: root, displayRoot: displayRoot, memo: &memo)
    }

    /// Lists `root` as `list(root:displayRoot:)` does, reading only the folders that changed
    /// since `memo` was made (the listing is `memo`'s when none did), and updates `memo`.
    public static func list(root: String, displayRoot: String, memo: inout ScanMemo) -> ContentListing {
        if let listing = memo.listing, let folders = refreshed(memo.folders, root: root) {
            memo.folders = folders
            return listing
        }
        var next: ScanMemo? = ScanMemo()
        let listing = list(root: root, displayRoot: displayRoot, memo: &next, previous: memo)
        memo = next!
        return listing
    }

    /// The folders with their signatures of now, when every one still holds the same entries
    /// in the same order (unchanged, or changed by a file saved by renaming a new one over
    /// it); nil when one does not, or cannot be read.
    private static func refreshed(_ folders: [String: ScanMemo.Folder], root: String) -> [String: ScanMemo.Folder]? {
        var refreshed = folders
        for (relative, folder) in folders {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let signature = signature(ofFolder: path) else { return nil }
            if folder.settled && signature == folder.signature { continue }
            let readAt = now()
            guard let unsorted = entries(of: path), unsorted.elementsEqual(folder.unsorted, by: { $0 == $1 }) else { return nil }
            refreshed[relative] = ScanMemo.Folder(
                signature: signature, entries: folder.entries, unsorted: folder.unsorted, settled: signature.seconds < readAt - 2)
        }
        return refreshed
    }

    private static func list(root: String, displayRoot: String, memo: inout ScanMemo?, previous: ScanMemo = ScanMemo()) -> ContentListing {
        var listing = ContentListing()
        walk(root: root, relative: "", displayRoot: displayRoot, into: &listing, memo: &memo, previous: previous)
        // Folders are walked in name order, which is almost always the paths' order too.
        if !listing.notes.isSorted { listing.notes.sort() }
        if !listing.csvFiles.isSorted { listing.csvFiles.sort() }
        if memo?.complete == true { memo!.listing = listing }
        return listing
    }

    private static func walk(
        root: String, relative: String, displayRoot: String, into listing: inout ContentListing, memo: inout ScanMemo?,
        previous: ScanMemo
    ) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names: [(name: String, type: UInt8)]
        let signature = memo == nil ? nil : signature(ofFolder: directory)
        if memo != nil && signature == nil { memo!.complete = false }
        if let signature, let kept = previous.folders[relative], kept.settled, kept.signature == signature {
            names = kept.entries
            memo!.folders[relative] = kept
        } else {
            // The clock is read before the folder: a change after the read is later than it.
            let readAt = now()
            guard let unsorted = entries(of: directory) else {
                listing.diagnostics.append(.error(join(displayRoot, relative), 1, 1, "cannot read folder"))
                if memo != nil { memo!.complete = false }
                return
            }
            // The same entries in the same order as before need no sorting again.
            let entries =
                if let kept = previous.folders[relative], kept.unsorted.elementsEqual(unsorted, by: { $0 == $1 }) {
                    kept.entries
                } else {
                    unsorted.sorted { $0.name < $1.name }
                }
            names = entries
            if let signature {
                // Two seconds cover any file system's clock tick.
                let settled = signature.seconds < readAt - 2
                memo!.folders[relative] = ScanMemo.Folder(signature: signature, entries: entries, unsorted: unsorted, settled: settled)
            }
        }
        for (name, type) in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            switch type {
            case UInt8(DT_DIR):
                walk(root: root, relative: path, displayRoot: displayRoot, into: &listing, memo: &memo, previous: previous)
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

    /// The entries of a folder in the order it gives them, hidden ones left out; nil when it
    /// cannot be read.
    private static func entries(of directory: String) -> [(name: String, type: UInt8)]? {
        guard let handle = opendir(directory) else { return nil }
        var names: [(name: String, type: UInt8)] = []
        while let entry = readdir(handle) {
            let name = entryName(entry)
            if name.hasPrefix(".") { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                if lstat(directory + "/" + name, &info) == 0 {
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFLNK: type = UInt8(DT_LNK)
                    case S_IFREG: type = UInt8(DT_REG)
                    default: break
                    }
                }
            }
            names.append((name, type))
        }
        closedir(handle)
        return names
    }

    /// The signature of a folder, following a symbolic link (the content folder itself may be one).
    private static func signature(ofFolder path: String) -> FileSignature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileSignature(info)
    }

    /// Seconds since 1970 by the wall clock, as file times are.
    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec)
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
        return root.hasSuffix("/") ? String(joining: root, relative) : String(joining: root, "/", relative)
    }
}

extension Array where Element == String {
    /// Whether every element is no greater than the next.
    fileprivate var isSorted: Bool { indices.dropFirst().allSatisfy { self[$0 - 1] <= self[$0] } }
}
