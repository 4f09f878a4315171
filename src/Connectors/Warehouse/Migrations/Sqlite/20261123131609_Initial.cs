using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Connectors.Warehouse.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    coin_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    last_updated = table.Column<long>(type: "INTEGER", nullable: false),
                    current_price = table.Column<decimal>(type: "TEXT", nullable: false),
                    market_cap = table.Column<decimal>(type: "TEXT", nullable: true),
                    market_cap_rank = table.Column<int>(type: "INTEGER", nullable: true),
                    total_volume = table.Column<decimal>(type: "TEXT", nullable: true),
                    price_change_percentage_24h = table.Column<decimal>(type: "TEXT", nullable: true),
                    change_since_previous = table.Column<decimal>(type: "TEXT", nullable: true),
                    change_since_previous_percent = table.Column<decimal>(type: "TEXT", nullable: true),
                    moving_average = table.Column<decimal>(type: "TEXT", nullable: false),
                    moving_average_count = table.Column<int>(type: "INTEGER", nullable: false),
                    raw = table.Column<string>(type: "TEXT", nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stored_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crypto_market_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "working_data",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    data_ingestao = table.Column<DateTime>(type: "TEXT", nullable: false),
                    dado_linha = table.Column<string>(type: "TEXT", nullable: false),
                    tag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    source_file = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    source_row = table.Column<int>(type: "INTEGER", nullable: false)
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
