/// libFuzzer entry point: a meeting body: cmark-gfm and the extraction of tasks, decisions and links.
/// Built and run by Tests/Fuzz/run.sh (`make fuzz`) together with
/// Tests/RapportCoreTests/Trust/FuzzTargets.swift, which holds the checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = FuzzTargets.markdown(bytes)
    if !problems.isEmpty { fatalError("broken promise: " + problems.joined(separator: "; ")) }
    return 0
}
