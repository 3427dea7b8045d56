// outreachd: the Outreach server and its operator commands.

import Foundation
import OutreachServer

let status = await OutreachCommand.run(
  arguments: Array(CommandLine.arguments.dropFirst()),
  environment: ProcessInfo.processInfo.environment)
exit(status)
