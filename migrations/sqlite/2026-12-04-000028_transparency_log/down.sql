DROP TABLE tree_heads;
DROP TABLE merkle_nodes;
