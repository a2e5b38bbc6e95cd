/// libFuzzer entry point: a KPI's CSV file (its first byte picks the KPI's frequency and fiscal year).
/// Built and run by Tests/Fuzz/run.sh (`make fuzz`) together with
/// Tests/RapportCoreTests/Trust/FuzzTargets.swift, which holds the checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = FuzzTargets.csv(bytes)
    if !problems.isEmpty { fatalError("broken promise: " + problems.joined(separator: "; ")) }
    return 0
}
