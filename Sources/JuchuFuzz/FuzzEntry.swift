import Foundation

/// The target of this run, from JUCHU_FUZZ_TARGET.
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["JUCHU_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("JUCHU_FUZZ_TARGET を \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " / ")) のどれかにしてください\n".utf8))
        exit(2)
    }
    return target
}()

/// libFuzzer's entry: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzTarget.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

#if FUZZING
/// libFuzzer's driver. SwiftPM makes an executable's `main` an alias of `juchu_fuzz_main`, so
/// libFuzzer's own `main` is not linked: this one hands the command line to its driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("juchu_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Built without libFuzzer: runs the inputs given (files or folders of them) once each, to
/// replay a crasher or a corpus. `juchu-fuzz seeds DIR` writes starting corpora for every target.
@main
struct ReplayInputs {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "seeds", arguments.count == 2 {
            try FuzzSeeds.write(into: arguments[1])
            return
        }
        var count = 0
        for path in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReplayError(description: "\(path) がありません")
            }
            let files = isDirectory.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { "\(path)/\($0)" } : [path]
            for file in files {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
                bytes.withUnsafeBufferPointer { _ = fuzzOneInput($0.baseAddress, $0.count) }
                count += 1
            }
        }
        print("\(fuzzTarget.rawValue): \(count)件の入力を処理しました")
    }

    struct ReplayError: Error, CustomStringConvertible {
        let description: String
    }
}
#endif
