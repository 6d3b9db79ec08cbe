namespace CspBot.Core.Domain;

/// <summary>
/// The answer of a change an officer asks for (close a period, move a deadline…): either what it now is, or why it was
/// refused, in words the officer can act on. The operations API turns a refusal into a 400, the console shows it.
/// </summary>
public readonly record struct Refusable<T>(T? Value, string? Refusal)
    where T : class
{
    public bool Refused => Refusal is not null;

    public static Refusable<T> Done(T value) => new(value, null);

    public static Refusable<T> No(string refusal) => new(null, refusal);
}
