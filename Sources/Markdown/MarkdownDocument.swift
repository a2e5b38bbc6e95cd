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
/// is filled by Rapport alone, with the library's own function (`SpecialCharacterTable`),
/// and holds the characters of the extensions every parse attaches, plus the autolink
/// extension's (`:` and `w`) while parses that attach it run: see `SpecialCharacterTable`.
///
/// Should the override not be bound (a binary whose dynamic symbols lack it), parses take
/// `finishLock` around `cmark_parser_finish` instead, as they did before. Block parsing
/// (`cmark_parser_feed`) neither reads nor writes the table in the version Rapport builds
/// with (0.29.0.gfm.6, whose table extension splits rows without the inline parser).
@_cdecl("cmark_manage_extensions_special_characters")
public func keepSpecialCharacterTable(_ parser: OpaquePointer?, _ add: Int32) {}

private let finishLock = Mutex(())

/// The GFM extensions Rapport turns on, in the order they are attached: tables,
/// strikethrough, autolinks, the tag filter and task lists. Registering and looking them
/// up happens once per process (Swift runs a global's initializer once, safely).
///
/// The autolink extension is attached only to a text that could hold an extended
/// autolink (`mayHoldAutolink`): its `:` and `w` make the inline parser stop at every
/// `w` of the text, about a quarter of cmark-gfm's time in a build. Without it
/// the tree is the same: the library joins adjacent text nodes at the end of every parse,
/// undoing the splits at those characters, and the extension's own last step (joining
/// them too, then looking for e-mail addresses) finds nothing to change.
nonisolated(unsafe) private let gfmExtensions: (all: [OpaquePointer], withoutAutolink: [OpaquePointer], table: SpecialCharacterTable?) = {
    cmark_gfm_core_extensions_ensure_registered()
    let names: [String] = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    let all = names.compactMap { cmark_find_syntax_extension($0) }
    let autolink = cmark_find_syntax_extension("autolink")
    let withoutAutolink = all.filter { $0 != autolink }
    return (all, withoutAutolink, SpecialCharacterTable(base: withoutAutolink, autolink: autolink))
}()

/// The special-character table, filled and changed with the library's own function, when
/// the calls inside the library reach `keepSpecialCharacterTable` instead of it.
///
/// It holds the characters of the extensions every parse attaches and, in autolink mode,
/// the autolink extension's too. Inline passes of one mode run concurrently; a parse of
/// the other mode waits until those running have finished, then switches the table. (With
/// every other note of 10,000 holding a web address, the Markdown stage took no longer.)
private final class SpecialCharacterTable: @unchecked Sendable {
    typealias Manage = @convention(c) (OpaquePointer?, Int32) -> Void
    static let name = "cmark_manage_extensions_special_characters"

    private let manage: Manage
    /// A parser with only the autolink extension attached, to add or remove its characters.
    private let autolinkParser: OpaquePointer

    private struct State {
        var autolinks = false
        var running = 0
        var waitingToSwitch = 0
    }
    private var state = State()
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init?(base: [OpaquePointer], autolink: OpaquePointer?) {
        // RTLD_NEXT: the definition after the executable's, the library's own.
        guard let autolink, let bound = dlsym(nil, Self.name),
            let library = dlsym(UnsafeMutableRawPointer(bitPattern: -1), Self.name), bound != library
        else { return nil }
        manage = unsafeBitCast(library, to: Manage.self)
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)
        defer { cmark_parser_free(parser) }
        for ext in base { cmark_parser_attach_syntax_extension(parser, ext) }
        manage(parser, 1)
        autolinkParser = cmark_parser_new(CMARK_OPT_DEFAULT)
        cmark_parser_attach_syntax_extension(autolinkParser, autolink)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    /// Runs `body` (an inline pass) with the table in the mode it needs.
    func withMode<T>(autolinks: Bool, _ body: () -> T) -> T {
        enter(autolinks: autolinks)
        defer { leave() }
        return body()
    }

    private func enter(autolinks: Bool) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if state.autolinks == autolinks && (state.waitingToSwitch == 0 || state.running == 0) { break }
            if state.running == 0 {
                manage(autolinkParser, autolinks ? 1 : 0)
                state.autolinks = autolinks
                pthread_cond_broadcast(changed)
                break
            }
            if state.autolinks != autolinks {
                state.waitingToSwitch += 1
                pthread_cond_wait(changed, mutex)
                state.waitingToSwitch -= 1
            } else {
                pthread_cond_wait(changed, mutex)
            }
        }
        state.running += 1
    }

    private func leave() {
        pthread_mutex_lock(mutex)
        state.running -= 1
        if state.running == 0 { pthread_cond_broadcast(changed) }
        pthread_mutex_unlock(mutex)
    }
}

extension MarkdownDocument {
    /// Whether inline passes run concurrently, the special-character table being Rapport's
    /// alone; otherwise they take turns.
    public static var parsesConcurrently: Bool { gfmExtensions.table != nil }

    /// Whether `text` could hold an extended autolink. The extension finds web addresses in
    /// the source, only at a `:` followed by `//` (`https://…`) or at `www.`; it finds e-mail
    /// addresses in the text once parsed, where an `@` may come from an entity (`&#64;`,
    /// `&commat;`) or an escape (`\@`), and the letter before it from an entity too. So a
    /// text may hold one when it has `://`, `www.`, an `&#` or `&commat;`, or an `@` right
    /// after a letter, digit, one of `.+-_`, the `;` that ends an entity or a backslash. A
    /// text with none of these gets the same tree without the extension. (`@handle`
    /// mentions start after a space.)
    static func mayHoldAutolink(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        // Each test finds its rarest byte with `memchr` and looks around it.
        func any(_ byte: UInt8, where test: (Int) -> Bool) -> Bool {
            guard let base = text.baseAddress else { return false }
            var from = 0
            while from < text.count, let found = memchr(base + from, Int32(byte), text.count - from) {
                let at = found.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
                if test(at) { return true }
                from = at + 1
            }
            return false
        }
        func mayEndEmailName(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "_"), UInt8(ascii: ";"), UInt8(ascii: "\\"):
                true
            default: false
            }
        }
        func follows(_ at: Int, _ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard at + count <= text.count else { return false }
            return memcmp(text.baseAddress! + at, word.utf8Start, count) == 0
        }
        let slash = UInt8(ascii: "/"), w = UInt8(ascii: "w")
        return any(UInt8(ascii: "@")) { $0 > 0 && mayEndEmailName(text[$0 - 1]) }
            || any(UInt8(ascii: "&")) { follows($0, "&#") || follows($0, "&commat;") }
            || any(slash) { $0 >= 2 && text[$0 - 1] == slash && text[$0 - 2] == UInt8(ascii: ":") }
            || any(UInt8(ascii: ".")) { $0 >= 3 && text[$0 - 1] == w && text[$0 - 2] == w && text[$0 - 3] == w }
    }
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
    public convenience init(_ text: String) {
        self.init(text, attachingAutolinks: nil)
    }

    /// `attachingAutolinks` decides whether the autolink extension is attached; by default
    /// (nil) only to a text that could hold an autolink. Tests compare both ways.
    init(_ text: String, attachingAutolinks: Bool?) {
        source = SourceText(text)
        let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS)!
        var copy = text
        let autolinks = copy.withUTF8 { buffer in
            let autolinks = attachingAutolinks ?? Self.mayHoldAutolink(buffer)
            for ext in autolinks ? gfmExtensions.all : gfmExtensions.withoutAutolink {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
            return autolinks
        }
        self.parser = parser
        if let table = gfmExtensions.table {
            root = table.withMode(autolinks: autolinks) { cmark_parser_finish(parser) }
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
