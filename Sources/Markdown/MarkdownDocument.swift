import CMarkGFM
import Foundation
import Synchronization

/// cmark-gfm's inline parser reads a process-wide table of special characters, which every
/// parse writes its extensions' characters into and clears again around its inline pass,
/// inside `cmark_parser_finish` (github/cmark-gfm#221): concurrent inline passes corrupt
/// each other's output. Every `cmark_parser_finish` in the process goes through this lock.
/// Block parsing (`cmark_parser_feed`) neither reads nor writes the table in the version
/// Rapport builds with (0.29.0.gfm.6, whose table extension splits rows without the inline
/// parser), so it runs outside the lock, on every core.
private let finishLock = Mutex(())

/// The GFM extensions Rapport turns on, in the order they are attached: tables,
/// strikethrough, autolinks, the tag filter and task lists. Registering and looking them up
/// happens once per process (Swift runs a global's initializer once, safely).
nonisolated(unsafe) private let gfmExtensions: [OpaquePointer] = {
    cmark_gfm_core_extensions_ensure_registered()
    let names: [String] = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    return names.compactMap { cmark_find_syntax_extension($0) }
}()

/// A parsed Markdown body: one cmark-gfm syntax tree with the GFM extensions Rapport uses.
///
/// A document is not shared between threads; parse one per task. Rendering and walking the
/// tree are safe to run concurrently on different documents: only the inline pass takes the lock.
public final class MarkdownDocument {
    let root: OpaquePointer
    private let extensions: UnsafeMutablePointer<cmark_llist>?
    private let parser: OpaquePointer
    /// The source by line, for reading task markers and link destinations back.
    let source: SourceText

    /// Parses `text` as GitHub-flavoured Markdown (tables, strikethrough, autolinks,
    /// tag filter and task lists), keeping source positions for diagnostics.
    public init(_ text: String) {
        source = SourceText(text)
        let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS)!
        for ext in gfmExtensions { cmark_parser_attach_syntax_extension(parser, ext) }
        var copy = text
        copy.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        self.parser = parser
        var finished: OpaquePointer!
        finishLock.withLock { _ in finished = cmark_parser_finish(parser) }
        root = finished
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
