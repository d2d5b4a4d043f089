using PortDoctor.Core;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.History.Tests;

public sealed class HistoryPathsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void A_user_gets_the_file_under_local_share() =>
        Assert.Equal("/home/ana/.local/share/portdoctor/history.db", HistoryPaths.Default(OsKind.Linux, isRoot: false, Env(("HOME", "/home/ana/"))));

    [Fact]
    public void A_user_with_XDG_DATA_HOME_gets_it_there() =>
        Assert.Equal("/data/ana/portdoctor/history.db", HistoryPaths.Default(OsKind.Linux, false, Env(("HOME", "/home/ana"), ("XDG_DATA_HOME", "/data/ana"))));

    [Fact]
    public void Root_gets_var_lib_whatever_HOME_says() =>
        Assert.Equal("/var/lib/portdoctor/history.db", HistoryPaths.Default(OsKind.Linux, isRoot: true, Env(("HOME", "/root"))));

    [Fact]
    public void Windows_gets_ProgramData_for_everyone() =>
        Assert.Equal(@"D:\PD\PortDoctor\history.db", HistoryPaths.Default(OsKind.Windows, isRoot: false, Env(("ProgramData", @"D:\PD\"))));

    [Fact]
    public void Windows_without_ProgramData_falls_back_to_the_usual_place() =>
        Assert.Equal(@"C:\ProgramData\PortDoctor\history.db", HistoryPaths.Default(OsKind.Windows, isRoot: true, Env()));

    [Fact]
    public void A_user_without_HOME_is_told_to_give_db()
    {
        var error = Assert.Throws<PortDoctorException>(() => HistoryPaths.Default(OsKind.Linux, false, Env()));
        Assert.Equal(ExitCode.Usage, error.Code);
        Assert.Contains("--db", error.Message, StringComparison.Ordinal);
    }
}
