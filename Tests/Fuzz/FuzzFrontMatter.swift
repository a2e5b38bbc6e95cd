/// libFuzzer entry point: a note's bytes: front matter splitting, YAML (the fast reader against Yams) and portal.yaml.
/// Built and run by Tests/Fuzz/run.sh (`make fuzz`) together with
/// Tests/RapportCoreTests/Trust/FuzzTargets.swift, which holds the checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = FuzzTargets.frontMatter(bytes)
    if !problems.isEmpty { fatalError("broken promise: " + problems.joined(separator: "; ")) }
    return 0
}
