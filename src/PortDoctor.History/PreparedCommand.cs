using Microsoft.Data.Sqlite;

namespace PortDoctor.History;

/// <summary>A parameterised statement prepared once and run many times with new values (positional, in declaration order).</summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;

    public PreparedCommand(SqliteConnection connection, string sql, int parameterCount)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        for (var i = 1; i <= parameterCount; i++)
        {
            _command.Parameters.Add(new SqliteParameter("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }
    }

    public int Run(SqliteTransaction transaction, params ReadOnlySpan<object?> values)
    {
        Bind(transaction, values);
        return _command.ExecuteNonQuery();
    }

    public long RunScalar(SqliteTransaction transaction, params ReadOnlySpan<object?> values)
    {
        Bind(transaction, values);
        return (long)_command.ExecuteScalar()!;
    }

    public void Dispose() => _command.Dispose();

    private void Bind(SqliteTransaction transaction, ReadOnlySpan<object?> values)
    {
        _command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
