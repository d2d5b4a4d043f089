using PortDoctor.Core;
using PortDoctor.Reporting.Html;
using Xunit;

namespace PortDoctor.Reporting.Tests.Html;

public class HtmlReportFileTests
{
    [Fact]
    public void Writes_the_page_and_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("report.html");
        File.WriteAllText(path, "old");

        HtmlReportFile.Write(path, SyntheticReport.Content(120));

        Assert.Equal(SyntheticReport.Html(SyntheticReport.Content(120)), File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Temp_files_of_dead_runs_are_swept_and_one_of_a_live_run_kept()
    {
        using var dir = new TempDirectory();
        // PIDs above the kernel's maximum (4,194,304) never run; a temp file with this process's
        // own PID is from an earlier run that had the PID (this one has not started writing).
        var dead = dir.File(HtmlReportFile.TempName("report.html", 4_194_305));
        var reused = dir.File(HtmlReportFile.TempName("report.html", Environment.ProcessId));
        var live = dir.File(HtmlReportFile.TempName("report.html", 1));
        foreach (var file in new[] { dead, reused, live })
        {
            File.WriteAllText(file, "half a page");
        }

        HtmlReportFile.Write(dir.File("report.html"), SyntheticReport.Content(60));

        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(reused));
        Assert.True(File.Exists(live), "PID 1 runs: its temp file is another writer's");
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(dir.File("report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_one_line_naming_it_with_exit_64()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "no-such-folder", "report.html");

        var error = Assert.Throws<PortDoctorException>(() => HtmlReportFile.Write(path, SyntheticReport.Content(60)));

        Assert.Equal(ExitCode.Usage, error.Code);
        Assert.Contains("no-such-folder", error.Message, StringComparison.Ordinal);
    }
}
