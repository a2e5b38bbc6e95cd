import Mustache
import Synchronization

/// Renders compiled templates (`CompiledTemplate`) straight into UTF-8 bytes.
///
/// The values are the ones `PageContext` builds: `TemplateValues` objects (or `[String: Any]`
/// ones), arrays, strings, booleans and numbers. A value is looked up, tested and printed as
/// swift-mustache does it, with the common types recognised by their exact type first; so
/// is indentation of standalone partials and blocks, and the inheritance of block overrides.
///
/// The templates are linked into one flat program of plain operations over one text buffer:
/// two threads rendering pages read it without touching shared reference counts, which,
/// with a tree of objects, cost more than the rendering itself.
struct CompiledLibrary: Sendable {
    private let program: Program
    /// Tells this library's sections apart from another's in what rows keep.
    private let identity: Int

    private static let libraries = Atomic<Int>(0)

    init(_ templates: [String: CompiledTemplate]) {
        program = Program(linking: templates)
        identity = Self.libraries.add(1, ordering: .relaxed).newValue
    }

    /// The key under which a `TemplateRow` keeps what the section at `operation` printed.
    func sectionKey(_ operation: Int) -> Int { identity << 32 | operation }

    /// Renders the template `name` with `object` as the context. With `reusingRows`, a
    /// `TemplateRow` listed by a section prints what it printed there before, and keeps
    /// what it prints for next time (a build session's rows outlive one rebuild).
    func render(_ name: String, _ object: Any, reusingRows: Bool = false) -> [UInt8] {
        guard let index = program.templateIndex[name] else { return [] }
        var out = RenderBuffer(capacity: 16 * 1024)
        defer { out.deallocate() }
        program.ops.withUnsafeBufferPointer { ops in
            program.text.withUnsafeBufferPointer { text in
                program.names.withUnsafeBufferPointer { names in
                    program.keys.withUnsafeBufferPointer { keys in
                        program.overrides.withUnsafeBufferPointer { overrides in
                            var renderer = Renderer(
                                ops: ops, text: text, names: names, keys: keys, overrides: overrides, templates: program.templates,
                                stack: ScopeStack(object), rowKeyBase: reusingRows ? identity << 32 : nil)
                            let range = program.templates[index]
                            renderer.run(range.start, range.end, frame: Frame(indentation: nil, inherited: []), into: &out)
                        }
                    }
                }
            }
        }
        return out.array
    }

    /// One operation of the program. Bodies (of sections, blocks, templates) are ranges of
    /// operations; a section's body follows it directly.
    fileprivate struct Op {
        enum Kind: UInt8 { case text, escaped, raw, section, inverted, block, partial }
        var kind: Kind
        /// text: offset; escaped, raw, section, inverted: first name; block: block id;
        /// partial: template index (-1 when the theme has no such template).
        var a: Int32 = 0
        /// text: length; escaped, raw, section, inverted: name count; block, partial: -1 or the
        /// offset of the indentation in `text`.
        var b: Int32 = 0
        /// section, inverted, block: end of the body that follows; partial: first override.
        var c: Int32 = 0
        /// escaped, raw, section, inverted: `NameFlags`; block, partial: indentation length;
        var d: Int32 = 0
        /// section, inverted, block: the operation after the body and the override bodies of
        /// parents inside it; partial: number of overrides.
        var e: Int32 = 0
    }

    /// How a name is looked up: `.` (the current object) or `.name` (in it only).
    fileprivate enum NameFlags {
        static let current: Int32 = 1
        static let anchored: Int32 = 2
    }

    /// A parent's block override: the block and its body.
    fileprivate struct Override {
        var block: Int32
        var start: Int32
        var end: Int32
    }

    fileprivate struct Program {
        var ops: [Op] = []
        var text: [UInt8] = []
        /// Name parts of every variable and section, in order.
        var names: [String] = []
        /// The same names as keys of `TemplateValues`, hashed once here.
        var keys: [TemplateKey] = []
        var overrides: [Override] = []
        /// Each template's body.
        var templates: [(start: Int32, end: Int32)] = []
        var templateIndex: [String: Int] = [:]
        var blockIDs: [String: Int32] = [:]

        init(linking compiled: [String: CompiledTemplate]) {
            let names = compiled.keys.sorted()
            for (index, name) in names.enumerated() { templateIndex[name] = index }
            templates = Array(repeating: (0, 0), count: names.count)
            for (index, name) in names.enumerated() {
                templates[index] = emit(compiled[name]!)
            }
        }

        private mutating func emit(_ template: CompiledTemplate) -> (start: Int32, end: Int32) {
            let start = Int32(ops.count)
            var pending: [(slot: Int, template: CompiledTemplate)] = []
            for token in template.tokens {
                switch token {
                case .text(let bytes):
                    ops.append(Op(kind: .text, a: Int32(text.count), b: Int32(bytes.count)))
                    text.append(contentsOf: bytes)
                case .variable(let path, let escaped):
                    ops.append(name(path, kind: escaped ? .escaped : .raw))
                case .section(let path, let body), .invertedSection(let path, let body):
                    let isSection = if case .section = token { true } else { false }
                    let slot = ops.count
                    ops.append(name(path, kind: isSection ? .section : .inverted))
                    (ops[slot].c, ops[slot].e) = emitInline(body)
                case .block(let block, let fallback, let indentation):
                    let slot = ops.count
                    var op = Op(kind: .block, a: blockID(block))
                    (op.b, op.d) = store(indentation)
                    ops.append(op)
                    (ops[slot].c, ops[slot].e) = emitInline(fallback)
                case .blockDefinition:
                    break
                case .partial(let partial, let indentation, let blockOverrides):
                    var op = Op(kind: .partial, a: Int32(templateIndex[partial] ?? -1))
                    (op.b, op.d) = store(indentation)
                    op.c = Int32(overrides.count)
                    op.e = Int32(blockOverrides?.count ?? 0)
                    for (block, body) in (blockOverrides ?? [:]).sorted(by: { $0.key < $1.key }) {
                        pending.append((overrides.count, body))
                        overrides.append(Override(block: blockID(block), start: 0, end: 0))
                    }
                    ops.append(op)
                }
            }
            let end = Int32(ops.count)
            // Override bodies go after the template's own operations.
            for (slot, body) in pending {
                let range = emit(body)
                overrides[slot].start = range.start
                overrides[slot].end = range.end
            }
            return (start, end)
        }

        /// Emits a body right after its section or block operation. Returns where the body
        /// ends and where the next operation starts: a body with parents inside is followed
        /// by their override bodies, which only those parents run.
        private mutating func emitInline(_ body: CompiledTemplate) -> (end: Int32, next: Int32) {
            let range = emit(body)
            return (range.end, Int32(ops.count))
        }

        private mutating func name(_ path: CompiledTemplate.NamePath, kind: Op.Kind) -> Op {
            let op = Op(
                kind: kind, a: Int32(names.count), b: Int32(path.parts.count),
                d: (path.isCurrent ? NameFlags.current : 0) | (path.isAnchored ? NameFlags.anchored : 0))
            names.append(contentsOf: path.parts)
            keys.append(contentsOf: path.parts.map { TemplateKey($0) })
            return op
        }

        private mutating func store(_ indentation: [UInt8]?) -> (Int32, Int32) {
            guard let indentation else { return (-1, 0) }
            defer { text.append(contentsOf: indentation) }
            return (Int32(text.count), Int32(indentation.count))
        }

        private mutating func blockID(_ name: String) -> Int32 {
            if let id = blockIDs[name] { return id }
            let id = Int32(blockIDs.count)
            blockIDs[name] = id
            return id
        }
    }

    /// What a partial or block passes down: the indentation its lines get, and the block
    /// overrides of the parents it is rendered within (outer parents first: they win).
    fileprivate struct Frame {
        let indentation: [UInt8]?
        let inherited: [Override]
    }

    fileprivate struct Renderer {
        let ops: UnsafeBufferPointer<Op>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<String>
        let keys: UnsafeBufferPointer<TemplateKey>
        let overrides: UnsafeBufferPointer<Override>
        let templates: [(start: Int32, end: Int32)]
        /// The context stack, innermost last.
        var stack: ScopeStack
        /// Partials and blocks being rendered, one inside the other.
        var depth = 0
        /// A theme whose partial or parent includes itself with nothing to stop it would
        /// recurse until the stack overflows: deeper than this, nothing more is printed.
        static let maximumDepth = 200
        /// Set when rows' printed bytes are reused: the library's part of their keys.
        let rowKeyBase: Int?
        /// The lowest stack position a name was looked up at (or missed down to) since the
        /// current row started: below the row's own, its output depended on more than the row.
        var lowestLookup = Int.max
        /// Whether a block ran since the current row started (its body depends on the
        /// parents the row is rendered within).
        var ranBlock = false
        /// Rows being rendered for keeping, one inside the other.
        var rowDepth = 0
        /// Names (their index in `names`) looked up since the current row started and found
        /// nowhere on the stack: the row's output depends on their still being missing.
        var missed: [Int32] = []

        /// Renders the operations `start..<end` as one template: a token that prints
        /// something at the start of one of its lines is indented.
        mutating func run(_ start: Int32, _ end: Int32, frame: Frame, into out: inout RenderBuffer) {
            let indentation = frame.indentation ?? []
            let outStart = out.count
            var index = Int(start)
            let end = Int(end)
            while index < end {
                let mark = out.count
                // After a line feed, but not after CR LF, which swift-mustache reads as one
                // character that is not "\n".
                let atLineStart =
                    !indentation.isEmpty && mark > outStart && out[mark - 1] == 0x0A && !(mark - 1 > outStart && out[mark - 2] == 0x0D)
                index = step(index, frame: frame, into: &out)
                if atLineStart, out.count > mark { out.insert(contentsOf: indentation, at: mark) }
            }
        }

        /// Runs the operation at `index`; returns the index of the next one.
        private mutating func step(_ index: Int, frame: Frame, into out: inout RenderBuffer) -> Int {
            let op = ops[index]
            let next = index + 1
            switch op.kind {
            case .text:
                out.append(bytes: UnsafeBufferPointer(rebasing: text[Int(op.a)..<Int(op.a + op.b)]))
                return next
            case .escaped, .raw:
                guard let value = lookup(op) else { return next }
                Self.print(value, escaped: op.kind == .escaped, into: &out)
                return next
            case .section:
                let body = Int32(next)
                guard let value = lookup(op) else { return Int(op.e) }
                switch ValueKind(of: value) {
                case .valuesList:
                    for item in ValueKind.payload(of: value, as: [TemplateValues].self) {
                        runPushing(scope: .values(item), body, op.c, frame, &out)
                    }
                case .list:
                    for item in ValueKind.payload(of: value, as: [[String: Any]].self) {
                        runPushing(scope: .object(item), body, op.c, frame, &out)
                    }
                case .textList:
                    for item in ValueKind.payload(of: value, as: [[String: String]].self) {
                        runPushing(scope: .textObject(item), body, op.c, frame, &out)
                    }
                case .rows:
                    for row in ValueKind.payload(of: value, as: [TemplateRow].self) {
                        runRow(row, section: index, body, op.c, frame, &out)
                    }
                case .flag:
                    if ValueKind.payload(of: value, as: Bool.self) { run(body, op.c, frame: frame, into: &out) }
                case .values, .object, .textObject, .text, .row:
                    runPushing(value, body, op.c, frame, &out)
                case .other:
                    if let items = Self.sequence(value) {
                        for item in items { runPushing(item, body, op.c, frame, &out) }
                    } else if !Self.isNull(value) {
                        runPushing(value, body, op.c, frame, &out)
                    }
                }
                return Int(op.e)
            case .inverted:
                let body = Int32(next)
                guard let value = lookup(op) else {
                    run(body, op.c, frame: frame, into: &out)
                    return Int(op.e)
                }
                switch ValueKind(of: value) {
                case .valuesList:
                    if ValueKind.payload(of: value, as: [TemplateValues].self).isEmpty { runPushing(value, body, op.c, frame, &out) }
                case .list:
                    if ValueKind.payload(of: value, as: [[String: Any]].self).isEmpty { runPushing(value, body, op.c, frame, &out) }
                case .textList:
                    if ValueKind.payload(of: value, as: [[String: String]].self).isEmpty { runPushing(value, body, op.c, frame, &out) }
                case .rows:
                    if ValueKind.payload(of: value, as: [TemplateRow].self).isEmpty { runPushing(value, body, op.c, frame, &out) }
                case .flag:
                    if !ValueKind.payload(of: value, as: Bool.self) { run(body, op.c, frame: frame, into: &out) }
                case .values, .object, .textObject, .text, .row:
                    break
                case .other:
                    if let items = Self.sequence(value) {
                        if items.isEmpty { runPushing(value, body, op.c, frame, &out) }
                    } else if Self.isNull(value) {
                        run(body, op.c, frame: frame, into: &out)
                    }
                }
                return Int(op.e)
            case .block:
                ranBlock = true
                guard depth < Self.maximumDepth else { return Int(op.e) }
                depth += 1
                defer { depth -= 1 }
                let inner = Frame(indentation: indent(frame.indentation, op), inherited: frame.inherited)
                if let override = frame.inherited.first(where: { $0.block == op.a }) {
                    run(override.start, override.end, frame: inner, into: &out)
                } else {
                    run(Int32(next), op.c, frame: inner, into: &out)
                }
                return Int(op.e)
            case .partial:
                guard op.a >= 0, depth < Self.maximumDepth else { return next }
                depth += 1
                defer { depth -= 1 }
                var inherited = frame.inherited
                for slot in Int(op.c)..<Int(op.c + op.e) where !inherited.contains(where: { $0.block == overrides[slot].block }) {
                    inherited.append(overrides[slot])
                }
                let template = templates[Int(op.a)]
                run(template.start, template.end, frame: Frame(indentation: indent(frame.indentation, op), inherited: inherited), into: &out)
                return next
            }
        }

        private mutating func runPushing(_ value: Any, _ start: Int32, _ end: Int32, _ frame: Frame, _ out: inout RenderBuffer) {
            runPushing(scope: Scope(value), start, end, frame, &out)
        }

        private mutating func runPushing(scope: Scope, _ start: Int32, _ end: Int32, _ frame: Frame, _ out: inout RenderBuffer) {
            stack.push(scope)
            run(start, end, frame: frame, into: &out)
            stack.pop()
        }

        /// Renders a section's body for one row, or copies what the row printed in this
        /// section before. What a row prints is kept only when it depended on the row alone:
        /// every name found in the row (or in values inside it) or nowhere at all, no block
        /// run, no indentation (which depends on the text before the row), and far from the
        /// depth limit. A name found nowhere must still be found nowhere for the row's bytes
        /// to be used again.
        private mutating func runRow(_ row: TemplateRow, section: Int, _ start: Int32, _ end: Int32, _ frame: Frame, _ out: inout RenderBuffer) {
            guard let base = rowKeyBase, frame.indentation?.isEmpty ?? true else {
                runPushing(scope: .row(row), start, end, frame, &out)
                return
            }
            let key = base | section
            if let printed = row.printed(by: key),
                printed.missing.allSatisfy({ name in stack.find(names[Int(name)], keys[Int(name)]) == nil })
            {
                printed.bytes.withUnsafeBufferPointer { out.append(bytes: $0) }
                if rowDepth > 0 { missed += printed.missing }
                return
            }
            let (outerLowest, outerBlock, outerMissed) = (lowestLookup, ranBlock, missed)
            (lowestLookup, ranBlock, missed) = (Int.max, false, [])
            rowDepth += 1
            let position = stack.count
            let mark = out.count
            runPushing(scope: .row(row), start, end, frame, &out)
            rowDepth -= 1
            if lowestLookup >= position, !ranBlock, depth < Self.maximumDepth / 2 {
                row.keep(TemplateRow.Printed(bytes: out.bytes(from: mark), missing: Array(Set(missed)).sorted()), by: key)
            }
            (lowestLookup, ranBlock) = (min(outerLowest, lowestLookup), outerBlock || ranBlock)
            missed = rowDepth > 0 ? outerMissed + missed : []
        }

        /// The indentation inside a partial or block: the outer one plus the tag's own.
        private func indent(_ current: [UInt8]?, _ op: Op) -> [UInt8]? {
            guard op.b >= 0 else { return current }
            return (current ?? []) + UnsafeBufferPointer(rebasing: text[Int(op.b)..<Int(op.b + op.d)])
        }

        /// The value a name stands for: the first object up the stack that has the name's
        /// first part, then the other parts inside it (no further climbing).
        private mutating func lookup(_ op: Op) -> Any? {
            let count = Int(op.b)
            if op.d & NameFlags.current != 0 || count == 0 {
                lowestLookup = min(lowestLookup, stack.count - 1)
                return stack.last
            }
            let first = Int(op.a)
            var value: Any
            if op.d & NameFlags.anchored != 0 {
                lowestLookup = min(lowestLookup, stack.count - 1)
                guard let found = stack.childOfLast(names[first], keys[first]) else { return nil }
                value = found
            } else {
                guard let (match, position) = stack.find(names[first], keys[first]) else {
                    // Found nowhere: the output depends on the name staying missing.
                    if rowDepth > 0 { missed.append(Int32(first)) }
                    return nil
                }
                lowestLookup = min(lowestLookup, position)
                value = match
            }
            for part in first + 1..<first + count {
                guard let child = Self.child(names[part], keys[part], of: value) else { return nil }
                value = child
            }
            return value
        }

        fileprivate static func child(_ name: String, _ key: TemplateKey, of object: Any) -> Any? {
            switch ValueKind(of: object) {
            case .values: return ValueKind.payload(of: object, as: TemplateValues.self)[key]
            case .object: return ValueKind.payload(of: object, as: [String: Any].self)[name]
            case .textObject: return ValueKind.payload(of: object, as: [String: String].self)[name]
            case .row: return ValueKind.payload(of: object, as: TemplateRow.self).values[key]
            case .text, .flag, .list, .valuesList, .textList, .rows: return nil
            case .other: break
            }
            if isNull(object) { return nil }
            if let parent = object as? MustacheParent { return parent.child(named: name) }
            // An optional is looked into, as swift-mustache does (`nil` has no names).
            let optional = Mirror(reflecting: object)
            if optional.displayStyle == .optional {
                guard let wrapped = optional.children.first?.value else { return nil }
                return child(name, key, of: wrapped)
            }
            // Any other value: its stored property of that name, as swift-mustache reads it.
            guard let match = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
            let mirror = Mirror(reflecting: match.value)
            guard mirror.displayStyle == .optional else { return match.value }
            return mirror.children.first?.value
        }

        /// Arrays and sets, which sections iterate.
        private static func sequence(_ value: Any) -> [Any]? {
            if let strings = value as? [String] { return strings }
            guard value is any MustacheSequence else { return nil }
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .collection || mirror.displayStyle == .set else { return nil }
            return mirror.children.map(\.value)
        }

        private static func isNull(_ value: Any) -> Bool {
            if let renderable = value as? MustacheCustomRenderable { return renderable.isNull }
            if let custom = value as? MustacheCustomRepresentation { return custom.representation == nil }
            return false
        }

        private static let intType = ObjectIdentifier(Int.self)

        private static func print(_ value: Any, escaped: Bool, into out: inout RenderBuffer) {
            if ValueKind(of: value) == .text {
                // Read where the value holds it: a copy would count a reference up and down.
                ValueKind.withPayload(of: value, as: String.self) { text in
                    if escaped { HTMLEscaper.append(text, to: &out) } else { HTMLEscaper.appendRaw(text, to: &out) }
                }
                return
            }
            let text: String
            if ObjectIdentifier(type(of: value)) == intType {
                // Counts, printed as `String(describing:)` prints them, without the casts
                // and the `Mirror` that path makes for every number.
                text = String(ValueKind.payload(of: value, as: Int.self))
            } else if let renderable = value as? MustacheCustomRenderable {
                text = renderable.renderText
            } else {
                text = String(describing: unwrapped(value))
            }
            if escaped { HTMLEscaper.append(text, to: &out) } else { HTMLEscaper.appendRaw(text, to: &out) }
        }

        /// An optional's value (a nil keeps the optional), as swift-mustache prints it.
        private static func unwrapped(_ value: Any) -> Any {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value else { return value }
            return wrapped
        }
    }
}

/// A value on the context stack, its type found once when it is pushed rather than at every
/// name looked up in it.
private enum Scope {
    case values(TemplateValues)
    case object([String: Any])
    case textObject([String: String])
    case row(TemplateRow)
    case other(Any)

    init(_ value: Any) {
        switch ValueKind(of: value) {
        case .values: self = .values(ValueKind.payload(of: value, as: TemplateValues.self))
        case .object: self = .object(ValueKind.payload(of: value, as: [String: Any].self))
        case .textObject: self = .textObject(ValueKind.payload(of: value, as: [String: String].self))
        case .row: self = .row(ValueKind.payload(of: value, as: TemplateRow.self))
        default: self = .other(value)
        }
    }
}

/// The context stack, kept as one stack per kind of value plus the order of kinds: a name
/// is looked up in each value where it lies, without copying the value (and its reference)
/// out of an enum first, which cost as much as the dictionary lookup itself.
private struct ScopeStack {
    private enum Kind: UInt8 { case values, object, textObject, row, other }
    private var kinds: [Kind] = []
    private var valueObjects: [TemplateValues] = []
    private var objects: [[String: Any]] = []
    private var textObjects: [[String: String]] = []
    private var rows: [TemplateRow] = []
    private var others: [Any] = []

    init(_ value: Any) { push(Scope(value)) }

    var count: Int { kinds.count }

    mutating func push(_ scope: Scope) {
        switch scope {
        case .values(let values):
            kinds.append(.values)
            valueObjects.append(values)
        case .object(let object):
            kinds.append(.object)
            objects.append(object)
        case .textObject(let object):
            kinds.append(.textObject)
            textObjects.append(object)
        case .row(let row):
            kinds.append(.row)
            rows.append(row)
        case .other(let value):
            kinds.append(.other)
            others.append(value)
        }
    }

    mutating func pop() {
        switch kinds.removeLast() {
        case .values: valueObjects.removeLast()
        case .object: objects.removeLast()
        case .textObject: textObjects.removeLast()
        case .row: rows.removeLast()
        case .other: others.removeLast()
        }
    }

    /// The innermost value.
    var last: Any? {
        switch kinds.last {
        case .values: return valueObjects.last!
        case .object: return objects.last!
        case .textObject: return textObjects.last!
        case .row: return rows.last!
        case .other: return others.last!
        case nil: return nil
        }
    }

    /// `name` (`key`) in the innermost value only.
    func childOfLast(_ name: String, _ key: TemplateKey) -> Any? {
        switch kinds.last {
        case .values: return valueObjects.withUnsafeBufferPointer { $0[$0.count - 1][key] }
        case .object: return objects.withUnsafeBufferPointer { $0[$0.count - 1][name] }
        case .textObject: return textObjects.withUnsafeBufferPointer { $0[$0.count - 1][name] }
        case .row: return rows[rows.count - 1].values[key]
        case .other: return CompiledLibrary.Renderer.child(name, key, of: others[others.count - 1])
        case nil: return nil
        }
    }

    /// `name` (`key`) in the innermost value that has it, and that value's position.
    func find(_ name: String, _ key: TemplateKey) -> (Any, Int)? {
        valueObjects.withUnsafeBufferPointer { valueObjects in
            objects.withUnsafeBufferPointer { objects in
                textObjects.withUnsafeBufferPointer { textObjects in
                    kinds.withUnsafeBufferPointer { kinds in
                        var (values, object, textObject) = (valueObjects.count, objects.count, textObjects.count)
                        var (row, other) = (rows.count, others.count)
                        var position = kinds.count
                        while position > 0 {
                            position -= 1
                            switch kinds[position] {
                            case .values:
                                values -= 1
                                if let child = valueObjects[values][key] { return (child, position) }
                            case .object:
                                object -= 1
                                if let child = objects[object][name] { return (child, position) }
                            case .textObject:
                                textObject -= 1
                                if let child = textObjects[textObject][name] { return (child, position) }
                            case .row:
                                row -= 1
                                if let child = rows[row].values[key] { return (child, position) }
                            case .other:
                                other -= 1
                                if let child = CompiledLibrary.Renderer.child(name, key, of: others[other]) { return (child, position) }
                            }
                        }
                        return nil
                    }
                }
            }
        }
    }
}

/// The value types `PageContext` builds, told apart by exact type: a cast to the exact
/// dynamic type is a copy, while a failed or converting cast between collection types costs
/// an allocation or a walk over the elements.
enum ValueKind: Equatable {
    case values, object, textObject, valuesList, list, textList, text, flag, row, rows, other

    // Generic metadata looked up once, not at every comparison.
    private static let valuesType = ObjectIdentifier(TemplateValues.self)
    private static let valuesListType = ObjectIdentifier([TemplateValues].self)
    private static let objectType = ObjectIdentifier([String: Any].self)
    private static let textObjectType = ObjectIdentifier([String: String].self)
    private static let listType = ObjectIdentifier([[String: Any]].self)
    private static let textListType = ObjectIdentifier([[String: String]].self)
    private static let textType = ObjectIdentifier(String.self)
    private static let flagType = ObjectIdentifier(Bool.self)
    private static let rowType = ObjectIdentifier(TemplateRow.self)
    private static let rowsType = ObjectIdentifier([TemplateRow].self)

    /// The value of `value`, whose exact type `ValueKind(of:)` found to be `T`, read from
    /// the existential's inline buffer: the runtime's dynamic cast (`as!`) costs more than
    /// twice as much, and the renderer makes one for every value it prints or enters. Every
    /// type `ValueKind` names is stored in that buffer (three words; a test checks each).
    @inline(__always)
    static func payload<T>(of value: borrowing Any, as _: T.Type) -> T {
        #if DEBUG
            let isExactly = ObjectIdentifier(Swift.type(of: value)) == ObjectIdentifier(T.self)
            assert(isExactly && fitsInline(T.self), "payload(of:as:) read an Any as a type it does not hold inline")
        #endif
        return withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: T.self) }
    }

    /// Calls `body` with the value of `value`, whose exact type `ValueKind(of:)` found to
    /// be `T`, where the existential holds it (see `payload(of:as:)`), without copying it.
    @inline(__always)
    static func withPayload<T, R>(of value: borrowing Any, as _: T.Type, _ body: (borrowing T) -> R) -> R {
        #if DEBUG
            let isExactly = ObjectIdentifier(Swift.type(of: value)) == ObjectIdentifier(T.self)
            assert(isExactly && fitsInline(T.self), "withPayload(of:as:) read an Any as a type it does not hold inline")
        #endif
        return withUnsafePointer(to: value) { UnsafeRawPointer($0).withMemoryRebound(to: T.self, capacity: 1) { body($0.pointee) } }
    }

    /// Whether an `Any` holds a `T` in its own buffer rather than in a box it points to.
    static func fitsInline<T>(_: T.Type) -> Bool {
        MemoryLayout<T>.size <= 3 * MemoryLayout<Int>.size && MemoryLayout<T>.alignment <= MemoryLayout<Int>.alignment
            && _isBitwiseTakable(T.self)
    }

    init(of value: borrowing Any) {
        // The type an `Any` was made from is the last word of its container: the values
        // pages hold are strings, flags, lists and rows, which it names exactly (`TemplateRow`
        // is final). Comparing it takes a few instructions; the runtime's `type(of:)` and
        // the static table take about a hundred, at each of two million values a build prints
        // or enters. Any other type is looked up as before.
        let stored = withUnsafePointer(to: value) {
            UnsafeRawPointer($0).load(fromByteOffset: 3 * MemoryLayout<Int>.size, as: UnsafeRawPointer.self)
        }
        if stored == Self.metadata(String.self) {
            self = .text
        } else if stored == Self.metadata(Bool.self) {
            self = .flag
        } else if stored == Self.metadata(TemplateRow.self) {
            self = .row
        } else if stored == Self.metadata(TemplateValues.self) {
            self = .values
        } else if stored == Self.metadata([TemplateRow].self) {
            self = .rows
        } else if stored == Self.metadata([TemplateValues].self) {
            self = .valuesList
        } else {
            self.init(dynamicTypeOf: value)
        }
    }

    /// The type's metadata, as an `Any`'s container holds it.
    @inline(__always)
    private static func metadata(_ type: Any.Type) -> UnsafeRawPointer { unsafeBitCast(type, to: UnsafeRawPointer.self) }

    /// The kind of `value` by its dynamic type (what `init(of:)` finds, more slowly).
    init(dynamicTypeOf value: borrowing Any) {
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == Self.valuesType {
            self = .values
        } else if type == Self.textType {
            self = .text
        } else if type == Self.valuesListType {
            self = .valuesList
        } else if type == Self.flagType {
            self = .flag
        } else if type == Self.objectType {
            self = .object
        } else if type == Self.textObjectType {
            self = .textObject
        } else if type == Self.listType {
            self = .list
        } else if type == Self.rowType {
            self = .row
        } else if type == Self.rowsType {
            self = .rows
        } else if type == Self.textListType {
            self = .textList
        } else {
            self = .other
        }
    }
}
