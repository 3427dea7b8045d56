import CLinux
import Foundation
import Glibc

/// SIGTERM and SIGINT, caught from creation until ``release()``.
///
/// A C handler writes each signal's number into a pipe, on whichever thread
/// the signal lands, and a thread of its own reads them into ``received``.
/// Nothing is lost between installing and listening: a dispatch signal
/// source, by contrast, is registered later on another thread, and a signal
/// arriving before that was dropped. The reading thread unblocks both
/// signals, so they arrive even when the process was started with them
/// blocked (as a parent's mask is inherited).
///
/// One at a time per process: the handler has one pipe to write to, and
/// ``release()`` gives the signals back their default action.
package final class StopSignals: Sendable {
  /// The signal numbers, in the order they arrived.
  package let received: AsyncStream<Int32>
  private let writeEnd: Int32

  package init() {
    var ends: [Int32] = [-1, -1]
    precondition(pipe(&ends) == 0, "no pipe for signals: errno \(errno)")
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    let (readEnd, writeEnd) = (ends[0], ends[1])
    self.writeEnd = writeEnd
    let (stream, continuation) = AsyncStream<Int32>.makeStream()
    received = stream
    // The handler first: a signal that lands before the reader runs waits in
    // the pipe.
    precondition(
      clinux_catch_stop_signals(writeEnd) == 0, "cannot catch SIGTERM and SIGINT: errno \(errno)")
    let reader = Thread {
      clinux_unblock_stop_signals()
      var number: UInt8 = 0
      while true {
        let count = read(readEnd, &number, 1)
        if count == 1 {
          continuation.yield(Int32(number))
        } else if count < 0 && errno == EINTR {
          continue
        } else {
          break
        }
      }
      close(readEnd)
      continuation.finish()
    }
    reader.name = "stop-signals"
    reader.start()
  }

  /// Restores the signals' default action and ends ``received``.
  package func release() {
    clinux_release_stop_signals()
    close(writeEnd)
  }
}
