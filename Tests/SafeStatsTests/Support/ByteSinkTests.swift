import Foundation
import Testing
@testable import SafeStats

@Suite struct ByteSinkTests {
    @Test func writesEveryByteInOrderAcrossTheBuffer() throws {
        let path = TestSupport.temporaryDirectory() + "/out.bin"
        let sink = try ByteSink(path: path)
        var expected: [UInt8] = []
        var rng = SystemRandomNumberGenerator()
        // Small writes and single bytes past several buffer boundaries, then one write larger than
        // the buffer, then a few bytes more.
        while expected.count < 3 << 20 {
            let piece = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            piece.withUnsafeBufferPointer { sink.write($0) }
            expected += piece
            let byte = UInt8.random(in: 0...255, using: &rng)
            sink.write(byte: byte)
            expected.append(byte)
            #expect(sink.position == Int64(expected.count))
        }
        let large = [UInt8](repeating: 7, count: (1 << 20) + 12_345)
        large.withUnsafeBufferPointer { sink.write($0) }
        expected += large
        sink.write("end")
        expected += Array("end".utf8)
        #expect(sink.position == Int64(expected.count))
        try sink.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
        // A sink never overwrites: the file exists now.
        #expect(throws: OutputError.self) { try ByteSink(path: path) }
    }
}
