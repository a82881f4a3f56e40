using System.Text.Json;

namespace Mooring.Protocol.Tests.JsonRpc;

public sealed class RequestIdTests
{
    [Fact]
    public void Equals_StringAndNumberWithSameText_AreDifferent()
    {
        RequestId text = "1";
        RequestId number = 1;

        Assert.NotEqual(text, number);
        Assert.False(text == number);
        Assert.True(text != number);
        Assert.False(text.Equals((object)number));
    }

    [Fact]
    public void Equals_SameString_AreEqualWithSameHash()
    {
        RequestId a = new("abc");
        RequestId b = RequestId.FromString(new string("abc".ToCharArray()));

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_StringsDifferingInCase_AreDifferent() => Assert.NotEqual(new RequestId("abc"), new RequestId("ABC"));

    [Fact]
    public void Equals_SameNumber_AreEqualWithSameHash()
    {
        RequestId a = 42L;
        RequestId b = RequestId.FromInt64(42);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new RequestId(43));
    }

    [Fact]
    public void Properties_DescribeTheKind()
    {
        RequestId text = "x";
        RequestId number = -7;

        Assert.True(text.IsString);
        Assert.Equal("x", text.AsString);
        Assert.False(number.IsString);
        Assert.Null(number.AsString);
        Assert.Equal(-7, number.AsNumber);
        Assert.Equal("x", text.ToString());
        Assert.Equal("-7", number.ToString());
    }

    [Fact]
    public void Constructor_NullString_Throws() => Assert.Throws<ArgumentNullException>(() => new RequestId(null!));

    [Fact]
    public void Converter_Serialize_WritesStringOrNumber()
    {
        Assert.Equal("\"7\"", JsonSerializer.Serialize(new RequestId("7"), McpJsonContext.Default.RequestId));
        Assert.Equal("7", JsonSerializer.Serialize(new RequestId(7), McpJsonContext.Default.RequestId));
    }

    [Fact]
    public void Converter_Deserialize_ReadsStringOrNumber()
    {
        Assert.Equal(new RequestId("7"), JsonSerializer.Deserialize("\"7\"", McpJsonContext.Default.RequestId));
        Assert.Equal(new RequestId(7), JsonSerializer.Deserialize("7", McpJsonContext.Default.RequestId));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("18446744073709551616")]
    public void Converter_DeserializeOtherShapes_Throws(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, McpJsonContext.Default.RequestId));

    [Fact]
    public void Converter_NullableMember_RoundTripsAbsentAndPresent()
    {
        CancelledNotificationParams none = JsonSerializer.Deserialize("{}", McpJsonContext.Default.CancelledNotificationParams)!;
        CancelledNotificationParams some = JsonSerializer.Deserialize("""{"requestId":5}""", McpJsonContext.Default.CancelledNotificationParams)!;

        Assert.Null(none.RequestId);
        Assert.Equal(new RequestId(5), some.RequestId);
        Assert.Equal("""{"requestId":5}""", JsonSerializer.Serialize(some, McpJsonContext.Default.CancelledNotificationParams));
    }

    [Fact]
    public void HashSet_StringAndNumberIds_AreDistinctKeys()
    {
        var set = new HashSet<RequestId> { 1, "1", 1, "1" };

        Assert.Equal(2, set.Count);
    }
}
