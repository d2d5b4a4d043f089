namespace PortDoctor.Core;

/// <summary>
/// A problem the user can fix: bad input, missing privilege, an absurd value. The CLI prints the
/// message as one line, without a stack trace, and exits with <see cref="Code"/>.
/// Messages name the place when there is one: "file:line: what is wrong".
/// </summary>
public class PortDoctorException : Exception
{
    public PortDoctorException(string message, ExitCode code = ExitCode.BadInput, Exception? inner = null)
        : base(message, inner) => Code = code;

    public ExitCode Code { get; }
}
