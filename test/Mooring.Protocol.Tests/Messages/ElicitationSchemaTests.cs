using System.Text.Json;

namespace Mooring.Protocol.Tests.Messages;

public sealed class ElicitationSchemaTests
{
    [Fact]
    public void RequestedSchema_WithEveryFieldKind_SerializesToTheSpecShapes()
    {
        var schema = new ElicitationRequestedSchema
        {
            Properties =
            {
                ["name"] = new StringSchema { Title = "Name", MinLength = 1, MaxLength = 50, Format = "email", Default = "a@b.c" },
                ["age"] = new NumberSchema { IsInteger = true, Minimum = 0, Maximum = 150, Default = 30 },
                ["score"] = new NumberSchema { Default = 95.5 },
                ["ok"] = new BooleanSchema { Description = "Agree?", Default = true },
                ["one"] = new UntitledSingleSelectEnumSchema { Enum = ["a", "b"], Default = "a" },
                ["titled"] = new TitledSingleSelectEnumSchema { OneOf = [new() { Const = "a", Title = "A" }] },
                ["legacy"] = new LegacyTitledEnumSchema { Enum = ["a"], EnumNames = ["A"] },
                ["many"] = new UntitledMultiSelectEnumSchema { Items = new UntitledEnumItems { Enum = ["a", "b"] }, MinItems = 1, MaxItems = 2, Default = ["a"] },
                ["manyTitled"] = new TitledMultiSelectEnumSchema { Items = new TitledEnumItems { AnyOf = [new() { Const = "a", Title = "A" }] } },
            },
            Required = ["name"],
        };

        JsonAssert.Equivalent("""
            {"type":"object","required":["name"],"properties":{
              "name":{"type":"string","title":"Name","minLength":1,"maxLength":50,"format":"email","default":"a@b.c"},
              "age":{"type":"integer","minimum":0,"maximum":150,"default":30},
              "score":{"type":"number","default":95.5},
              "ok":{"type":"boolean","description":"Agree?","default":true},
              "one":{"type":"string","enum":["a","b"],"default":"a"},
              "titled":{"type":"string","oneOf":[{"const":"a","title":"A"}]},
              "legacy":{"type":"string","enum":["a"],"enumNames":["A"]},
              "many":{"type":"array","items":{"type":"string","enum":["a","b"]},"minItems":1,"maxItems":2,"default":["a"]},
              "manyTitled":{"type":"array","items":{"anyOf":[{"const":"a","title":"A"}]}}}}
            """, schema.ToJsonElement().GetRawText());
    }

    [Fact]
    public void FieldType_IsWrittenFirst()
    {
        string json = JsonSerializer.Serialize<PrimitiveSchemaDefinition>(new StringSchema { Title = "T", Description = "D" }, McpJsonContext.Default.Options);

        Assert.StartsWith("""{"type":"string",""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FormFactory_SetsModeAndSchema_AndUrlFactorySetsTheUrlFields()
    {
        ElicitRequestParams form = ElicitRequestParams.Form("Who?", new ElicitationRequestedSchema { Properties = { ["n"] = new StringSchema() } });
        ElicitRequestParams url = ElicitRequestParams.ForUrl("Sign in", "https://example.com/auth", "e-1");

        Assert.Equal("form", form.Mode);
        Assert.Equal("object", form.RequestedSchema!.Value.GetProperty("type").GetString());
        Assert.Equal(("url", "https://example.com/auth", "e-1"), (url.Mode, url.Url, url.ElicitationId));
        Assert.Null(url.RequestedSchema);
    }

    [Fact]
    public void Task_AsGetResult_CarriesItsFieldsAndMeta()
    {
        var task = new McpTask { TaskId = "t1", Status = "working", CreatedAt = "2026-01-01T00:00:00Z", LastUpdatedAt = "2026-01-01T00:00:01Z", Ttl = 60000, Meta = new() { ["k"] = 1 } };

        JsonAssert.Equivalent("""
            {"taskId":"t1","status":"working","createdAt":"2026-01-01T00:00:00Z","lastUpdatedAt":"2026-01-01T00:00:01Z","ttl":60000,"_meta":{"k":1}}
            """, JsonSerializer.Serialize(task, McpJsonContext.Default.McpTask));
    }
}
