using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pipeline.Connectors.Warehouse.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crypto_market_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    coin_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    symbol = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    last_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    current_price = table.Column<decimal>(type: "numeric", nullable: false),
                    market_cap = table.Column<decimal>(type: "numeric", nullable: true),
                    market_cap_rank = table.Column<int>(type: "integer", nullable: true),
                    total_volume = table.Column<decimal>(type: "numeric", nullable: true),
                    price_change_percentage_24h = table.Column<decimal>(type: "numeric", nullable: true),
                    change_since_previous = table.Column<decimal>(type: "numeric", nullable: true),
                    change_since_previous_percent = table.Column<decimal>(type: "numeric", nullable: true),
                    moving_average = table.Column<decimal>(type: "numeric", nullable: false),
                    moving_average_count = table.Column<int>(type: "integer", nullable: false),
                    raw = table.Column<string>(type: "jsonb", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crypto_market_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "working_data",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    data_ingestao = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    dado_linha = table.Column<string>(type: "text", nullable: false),
                    tag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    source_file = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    source_row = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_working_data", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_crypto_market_snapshots_coin_id_last_updated",
                table: "crypto_market_snapshots",
                columns: new[] { "coin_id", "last_updated" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_working_data_data_ingestao",
                table: "working_data",
                column: "data_ingestao");

            migrationBuilder.CreateIndex(
                name: "IX_working_data_source_file_source_row",
                table: "working_data",
                columns: new[] { "source_file", "source_row" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crypto_market_snapshots");

            migrationBuilder.DropTable(
                name: "working_data");
        }
    }
}
