using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PortDoctor.Cli;

/// <summary>
/// The one line a bad command line gets: the option and what it expected, or the unknown word,
/// in our words rather than the parser's .NET type names.
/// </summary>
internal static class UsageErrors
{
    public static string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var errors = parse.Errors;
        foreach (var error in errors)
        {
            if (BadValue(error) is { } text)
            {
                return text;
            }
        }

        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = parse.UnmatchedTokens[0];
            return token.StartsWith('-')
                ? $"unknown option '{token}'"
                : parse.CommandResult.Command.Subcommands.Count > 0
                    ? $"unknown command '{token}'"
                    : $"unexpected argument '{token}'";
        }

        return errors.Count > 0 ? errors[0].Message.TrimEnd('.') : "bad command line";
    }

    /// <summary>A value the option's type cannot hold: "--start: 'abc' is not a whole number".</summary>
    private static string? BadValue(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is null)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
        if (type.IsArray)
        {
            type = type.GetElementType()!;
        }

        foreach (var token in option.Tokens.Select(t => t.Value))
        {
            if (Expected(type, token) is { } expected)
            {
                return $"{option.Option.Name}: '{token}' {expected}";
            }
        }

        return null;
    }

    private static string? Expected(Type type, string token)
    {
        if (type == typeof(int) || type == typeof(long))
        {
            var whole = long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value);
            return !whole ? "is not a whole number"
                : type == typeof(int) && value > int.MaxValue ? "is not a whole number (too large)"
                : type == typeof(int) && value < int.MinValue ? "is not a whole number (too small)"
                : null;
        }

        if (type == typeof(double))
        {
            return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "is not a number";
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(token, out _) ? null : "is not true or false";
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.TryParse(token, CultureInfo.InvariantCulture, out _) ? null : "is not a duration such as 00:05:00";
        }

        return null;
    }
}
