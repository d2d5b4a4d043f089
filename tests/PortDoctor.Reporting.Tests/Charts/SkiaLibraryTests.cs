using PortDoctor.Core;
using PortDoctor.Reporting.Charts;
using Xunit;

namespace PortDoctor.Reporting.Tests.Charts;

public class SkiaLibraryTests
{
    [Fact]
    public void A_missing_native_library_inside_a_type_initializer_becomes_one_line_with_exit_69()
    {
        var missing = new DllNotFoundException("Unable to load shared library 'libSkiaSharp' or one of its dependencies.\nmore");

        var error = Assert.Throws<PortDoctorException>(() =>
            SkiaLibrary.Call<int>(() => throw new TypeInitializationException("SkiaSharp.SKObject", missing)));

        Assert.Equal(ExitCode.Unavailable, error.Code);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("Unable to load shared library 'libSkiaSharp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("next to the portdoctor binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_faults_pass_through_unchanged()
    {
        Assert.Throws<InvalidOperationException>(() => SkiaLibrary.Call<int>(() => throw new InvalidOperationException("bug")));
    }
}
