import Mustache
import Synchronization

/// A row of a long list (a meeting in the meetings list, an action in the tracker): its
/// template values, and, in a build session, what each list section printed for it.
///
/// A build session keeps the rows of unchanged notes from one rebuild to the next, so the
/// compiled renderer prints such a row by copying what it printed last time instead of
/// rendering it again. It does so only for a row whose output depended on nothing but the
/// row (see `CompiledLibrary`), which is why rows carry every key their templates test.
final class TemplateRow: @unchecked Sendable, MustacheParent {
    /// The row's values; never changed after the row is made.
    let values: TemplateValues
    /// What a section printed for the row, and the names (indices in the renderer's
    /// program) it looked up and found nowhere, in the row or around it.
    struct Printed {
        let bytes: [UInt8]
        let missing: [Int32]
    }

    /// Printed bytes by section (the renderer's program and operation).
    private let printed = Mutex([Int: Printed]())

    init(_ values: TemplateValues) {
        self.values = values
    }

    /// The value swift-mustache (the reference renderer) reads, keyed by name all the way down.
    func child(named name: String) -> Any? { values[TemplateKey(name)].map(TemplateValuesConversion.byName) }

    func printed(by section: Int) -> Printed? { printed.withLock { $0[section] } }

    func keep(_ printed: Printed, by section: Int) { self.printed.withLock { $0[section] = printed } }
}
