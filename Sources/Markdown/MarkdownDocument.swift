import CMarkGFM
import Foundation
import Synchronization

/// cmark-gfm's inline parser reads a process-wide table of special characters, which every
/// parse writes its extensions' characters into and clears again around its inline pass,
/// inside `cmark_parser_finish` (github/cmark-gfm#221): concurrent inline passes corrupt
/// each other's output, one clearing `~` while another is reading `~~struck~~`.
///
/// The library makes both writes through one exported function,
/// `cmark_manage_extensions_special_characters`, which it calls through its PLT. Rapport
/// defines that function too (below); the linker puts it in the executable's dynamic
/// symbols, since a shared library the executable links defines the same name, so the
/// dynamic linker binds the library's calls to Rapport's, which does nothing. The table
/// is filled once, with the library's own function, before the first parse, for the one
/// set of extensions every parser here attaches, and is never cleared: every inline pass
/// reads the same table a serial run reads, and inline passes run on every core.
///
/// Should the override not be bound (a binary whose dynamic symbols lack it), parses take
/// `finishLock` around `cmark_parser_finish` instead, as they did before. Block parsing
/// (`cmark_parser_feed`) neither reads nor writes the table in the version Rapport builds
/// with (0.29.0.gfm.6, whose table extension splits rows without the inline parser).
@_cdecl("cmark_manage_extensions_special_characters")
public func keepSpecialCharacterTable(_ parser: OpaquePointer?, _ add: Int32) {}

private let finishLock = Mutex(())

/// The GFM extensions Rapport turns on, in the order they are attached: tables,
/// strikethrough, autolinks, the tag filter and task lists, with the special-character
/// table filled for them. Registering and looking them up happens once per process (Swift
/// runs a global's initializer once, safely).
nonisolated(unsafe) private let gfmExtensions: (list: [OpaquePointer], tableIsFixed: Bool) = {
    cmark_gfm_core_extensions_ensure_registered()
    let names: [String] = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    let list = names.compactMap { cmark_find_syntax_extension($0) }
    return (list, SpecialCharacterTable.fill(for: list))
}()

private enum SpecialCharacterTable {
    typealias Manage = @convention(c) (OpaquePointer?, Int32) -> Void
    static let name = "cmark_manage_extensions_special_characters"

    /// Fills the table with the library's own function, when the calls inside the library
    /// reach `keepSpecialCharacterTable` instead of it; returns whether they do.
    static func fill(for extensions: [OpaquePointer]) -> Bool {
        // RTLD_NEXT: the definition after the executable's, the library's own.
        guard let bound = dlsym(nil, name), let library = dlsym(UnsafeMutableRawPointer(bitPattern: -1), name),
            bound != library
        else { return false }
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)
        defer { cmark_parser_free(parser) }
        for ext in extensions { cmark_parser_attach_syntax_extension(parser, ext) }
        unsafeBitCast(library, to: Manage.self)(parser, 1)
        return true
    }
}

extension MarkdownDocument {
    /// Whether inline passes run concurrently, the special-character table being fixed;
    /// otherwise they take turns.
    public static var parsesConcurrently: Bool { gfmExtensions.tableIsFixed }
}

/// A parsed Markdown body: one cmark-gfm syntax tree with the GFM extensions Rapport uses.
///
/// A document is not shared between threads; parse one per task. Rendering and walking the
/// tree are safe to run concurrently on different documents (see `keepSpecialCharacterTable`).
public final class MarkdownDocument {
    let root: OpaquePointer
    private let extensions: UnsafeMutablePointer<cmark_llist>?
    private let parser: OpaquePointer
    /// The source by line, for reading task markers and link destinations back.
    let source: SourceText
    /// The links, images and task items, found in one walk by the first method that needs
    /// them (`links()`, `rewriteLinks(_:)`, `taskItems(correctingCheckboxes:)`): a note's
    /// body is read by all three. Links and images are forgotten once links are rewritten
    /// (an unlinked node is freed); task items stay, as rewriting never touches a list.
    var scanned: (links: [Node]?, tasks: [Node])?

    /// Parses `text` as GitHub-flavoured Markdown (tables, strikethrough, autolinks,
    /// tag filter and task lists), keeping source positions for diagnostics.
    public init(_ text: String) {
        source = SourceText(text)
        let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS)!
        for ext in gfmExtensions.list { cmark_parser_attach_syntax_extension(parser, ext) }
        var copy = text
        copy.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        self.parser = parser
        if gfmExtensions.tableIsFixed {
            root = cmark_parser_finish(parser)
        } else {
            var finished: OpaquePointer!
            finishLock.withLock { _ in finished = cmark_parser_finish(parser) }
            root = finished
        }
        extensions = cmark_parser_get_syntax_extensions(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The document as HTML in safe mode: raw HTML is replaced by a comment and unsafe
    /// link schemes (`javascript:`, `vbscript:`, `file:`, `data:`) are emptied. Table
    /// columns are aligned with `style`, not the `align` attribute HTML5 made obsolete.
    public func html() -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        guard let raw = cmark_render_html(root, options, extensions) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// The plain text of the whole document, block by block, for search and excerpts.
    /// Built in one byte buffer: each block's text is written after a separating space,
    /// which is taken back when the block has no text.
    public func plainText() -> String {
        var out: [UInt8] = []
        var node = cmark_node_first_child(root)
        while let block = node {
            let mark = out.count
            if !out.isEmpty { out.append(0x20) }
            let start = out.count
            Node(block).appendPlainText(includingBlocks: true, to: &out)
            if out.count == start { out.removeSubrange(mark...) }
            node = cmark_node_next(block)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
